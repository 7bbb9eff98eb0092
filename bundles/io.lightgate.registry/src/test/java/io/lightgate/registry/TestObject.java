/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A scriptable {@link LwM2mObject} that records what the registry asks of it. */
class TestObject implements LwM2mObject {

    /** A recorded write. */
    record Write(int instanceId, List<Resource> resources, WriteMode mode) {
    }

    /** A recorded execute. */
    record Execute(int instanceId, int resourceId, ExecuteArguments arguments) {
    }

    /** The instances that exist; tests change it freely. */
    final SortedSet<Integer> instances = new ConcurrentSkipListSet<>();
    /** The resources every instance implements. */
    volatile Set<Integer> resources = Set.of();
    /** How each resource answers a read; a resource without entry answers 4.04. */
    final Map<Integer, Supplier<CompletionStage<Resource>>> reads = new ConcurrentHashMap<>();
    /** When set, {@link #instanceIds()} throws it. */
    volatile RuntimeException instanceIdsFailure;
    /** When set, {@link #setListener} throws it. */
    volatile RuntimeException setListenerFailure;
    final List<Write> writes = new CopyOnWriteArrayList<>();
    final List<Execute> executes = new CopyOnWriteArrayList<>();
    final List<Integer> deletes = new CopyOnWriteArrayList<>();
    final List<ObjectListener> listeners = new CopyOnWriteArrayList<>();
    volatile ObjectListener listener;

    TestObject(Integer... instanceIds) {
        instances.addAll(List.of(instanceIds));
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        RuntimeException failure = instanceIdsFailure;
        if (failure != null) {
            throw failure;
        }
        return new TreeSet<>(instances);
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        return instances.contains(instanceId) ? resources : Set.of();
    }

    /** What {@link #readsAtOnce} answers. */
    volatile boolean readsAtOnce;

    @Override
    public boolean readsAtOnce(int instanceId) {
        return readsAtOnce;
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        Supplier<CompletionStage<Resource>> read = reads.get(resourceId);
        return read == null ? LwM2mObject.failed(LwM2mException.notFound("no resource " + resourceId)) : read.get();
    }

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        writes.add(new Write(instanceId, resources, mode));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        executes.add(new Execute(instanceId, resourceId, arguments));
        return CompletableFuture.completedFuture(null);
    }

    /** Creates the instance without telling the listener (the registry must notice anyway). */
    @Override
    public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
        int id = instanceId != null ? instanceId : instances.isEmpty() ? 0 : instances.last() + 1;
        instances.add(id);
        return CompletableFuture.completedFuture(id);
    }

    /** Deletes the instance without telling the listener. */
    @Override
    public CompletionStage<Void> delete(int instanceId) {
        deletes.add(instanceId);
        instances.remove(instanceId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void setListener(ObjectListener listener) {
        RuntimeException failure = setListenerFailure;
        if (failure != null) {
            throw failure;
        }
        this.listener = listener;
        listeners.add(listener == null ? NO_LISTENER : listener);
    }

    /** Recorded in {@link #listeners} for {@code setListener(null)}. */
    static final ObjectListener NO_LISTENER = new ObjectListener() {
        @Override
        public void resourcesChanged(int instanceId, int... resourceIds) {
        }

        @Override
        public void instancesChanged() {
        }
    };
}
