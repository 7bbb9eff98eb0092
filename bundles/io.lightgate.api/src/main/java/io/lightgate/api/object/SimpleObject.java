/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * An {@link LwM2mObject} made of {@link SimpleInstance}s. Add and remove instances at any
 * time; call {@link #fireResourcesChanged} when a value changes so observers are notified.
 * Subclasses that allow Create/Delete override {@link #create} / {@link #delete} and use
 * {@link #addInstance}/{@link #removeInstance}.
 */
public class SimpleObject implements LwM2mObject {

    // an immutable map replaced on every change (changes are rare, reads many): one instance is a
    // 24-byte Map.of, where a ConcurrentSkipListMap cost about 100 bytes per object (two per virtual endpoint)
    private volatile Map<Integer, SimpleInstance> instances = Map.of();
    private static final VarHandle INSTANCES;

    static {
        try {
            INSTANCES = MethodHandles.lookup().findVarHandle(SimpleObject.class, "instances", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile ObjectListener listener;

    public SimpleObject(SimpleInstance... initial) {
        Map<Integer, SimpleInstance> all = new HashMap<>();
        for (SimpleInstance i : initial) {
            all.put(i.id(), i);
        }
        instances = Map.copyOf(all);
    }

    /** Adds (or replaces) an instance and tells the registry. */
    public void addInstance(SimpleInstance instance) {
        update(all -> all.put(instance.id(), instance) != null);
        ObjectListener l = listener;
        if (l != null) {
            l.instancesChanged();
        }
    }

    /** Removes an instance and tells the registry; false when it did not exist. */
    public boolean removeInstance(int instanceId) {
        boolean removed = update(all -> all.remove(instanceId) != null);
        ObjectListener l = listener;
        if (removed && l != null) {
            l.instancesChanged();
        }
        return removed;
    }

    /** Replaces the instances by a changed copy (no lock: a subclass's own locking cannot meet it); the change's answer. */
    private boolean update(Predicate<Map<Integer, SimpleInstance>> change) {
        while (true) {
            Map<Integer, SimpleInstance> before = instances;
            Map<Integer, SimpleInstance> all = new HashMap<>(before);
            boolean answer = change.test(all);
            if (INSTANCES.compareAndSet(this, before, Map.copyOf(all))) {
                return answer;
            }
        }
    }

    /**
     * Reports changed values (no ids: every resource of the instance). The values of resources
     * whose reader answers at once are taken now and travel with the report (see
     * {@link ObjectListener#valuesChanged}), so call this after the value changed, not before.
     */
    public void fireResourcesChanged(int instanceId, int... resourceIds) {
        ObjectListener l = listener;
        if (l == null) {
            return;
        }
        List<Resource> values = resourceIds == null || resourceIds.length == 0 ? null : currentValues(instanceId, resourceIds);
        if (values != null) {
            l.valuesChanged(instanceId, values);
        } else {
            l.resourcesChanged(instanceId, resourceIds);
        }
    }

    /** The values of all these resources now, or null when one of them does not answer at once. */
    private List<Resource> currentValues(int instanceId, int... resourceIds) {
        SimpleInstance i = instances.get(instanceId);
        if (i == null) {
            return null;
        }
        List<Resource> values = new ArrayList<>(resourceIds.length);
        for (int id : resourceIds) {
            Resource r = i.currentValue(id);
            if (r == null) {
                return null;
            }
            values.add(r);
        }
        return values;
    }

    /** Asks the engine to Send these values to the servers now (LwM2M 1.1 Send). */
    public void send(int instanceId, int... resourceIds) {
        ObjectListener l = listener;
        if (l != null) {
            l.sendRequested(instanceId, resourceIds);
        }
    }

    /** The first unused instance id, for {@link #create} implementations. */
    protected int nextFreeId() {
        int id = 0;
        while (instances.containsKey(id)) {
            id++;
        }
        return id;
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(instances.keySet()));
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        SimpleInstance i = instances.get(instanceId);
        return i == null ? Set.of() : i.resourceIds();
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        SimpleInstance i = instances.get(instanceId); // not through instance(): two stages less per resource read
        return i == null ? LwM2mObject.failed(LwM2mException.notFound("instance " + instanceId + " does not exist"))
                : i.read(resourceId);
    }

    /** True for an instance built with {@link SimpleInstance.Builder#readsAtOnce()} (see {@link LwM2mObject#readsAtOnce}). */
    @Override
    public boolean readsAtOnce(int instanceId) {
        SimpleInstance i = instances.get(instanceId);
        return i != null && i.readsAtOnce();
    }

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        return instance(instanceId).thenCompose(i -> i.write(resources, mode))
                .thenRun(() -> fireResourcesChanged(instanceId, resources.stream().mapToInt(Resource::id).toArray()));
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        return instance(instanceId).thenCompose(i -> i.execute(resourceId, arguments));
    }

    @Override
    public void setListener(ObjectListener listener) {
        this.listener = listener;
    }

    private CompletionStage<SimpleInstance> instance(int instanceId) {
        SimpleInstance i = instances.get(instanceId);
        return i == null
                ? LwM2mObject.failed(LwM2mException.notFound("instance " + instanceId + " does not exist"))
                : CompletableFuture.completedFuture(i);
    }
}
