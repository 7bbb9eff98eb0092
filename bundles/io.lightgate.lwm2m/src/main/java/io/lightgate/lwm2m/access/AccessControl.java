/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Access Control instances (object 2) of one endpoint: what the configuration file gives, what a
 * bootstrap server writes ({@link #put}, {@link #remove}, {@link #replaceAll}) and what Create adds
 * ({@link #created}). At most one instance per object instance. Thread-safe; listeners hear of every
 * change (after it happened, without the lock).
 */
public final class AccessControl implements AclLookup {

    private final TreeMap<Integer, AclInstance> instances = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean provisioned;

    /** Called after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Replaces every instance (a new configuration, a bootstrap server's full write). Instance ids are
     * kept; two instances about the same object instance: the later one wins.
     *
     * @param provisioned whether the endpoint's access is controlled at all (false: no configuration)
     */
    public void replaceAll(Collection<AclInstance> newInstances, boolean provisioned) {
        synchronized (this) {
            instances.clear();
            this.provisioned = provisioned;
            newInstances.forEach(this::putLocked);
        }
        changed();
    }

    /** Adds or replaces instance /2/id (a bootstrap server's or an owner's write). */
    public void put(AclInstance instance) {
        synchronized (this) {
            provisioned = true;
            putLocked(instance);
        }
        changed();
    }

    /** Removes /2/id; false when it did not exist. */
    public boolean remove(int id) {
        boolean removed;
        synchronized (this) {
            removed = instances.remove(id) != null;
        }
        if (removed) {
            changed();
        }
        return removed;
    }

    /**
     * A server created an object instance: it becomes the owner of a new Access Control instance about it,
     * with full rights (R, W, E, D) in the ACL. Nothing happens while access is not controlled.
     *
     * @return the new Access Control instance, if one was made
     */
    public Optional<AclInstance> created(int objectId, int instanceId, int shortServerId) {
        AclInstance made;
        synchronized (this) {
            if (!provisioned || objectId == 2 || objectId == 0) {
                return Optional.empty();
            }
            int id = about(objectId, instanceId).map(AclInstance::id).orElseGet(this::nextFreeIdLocked);
            made = new AclInstance(id, objectId, instanceId, new TreeMap<>(Map.of(shortServerId, AccessRights.FULL_ON_INSTANCE)), shortServerId);
            instances.put(id, made);
        }
        changed();
        return Optional.of(made);
    }

    /** An object instance was deleted: the Access Control instance about it goes too. */
    public void deleted(int objectId, int instanceId) {
        about(objectId, instanceId).ifPresent(a -> remove(a.id()));
    }

    @Override
    public synchronized boolean provisioned() {
        return provisioned;
    }

    @Override
    public synchronized Optional<AclInstance> about(int objectId, int instanceId) {
        return instances.values().stream().filter(a -> a.objectId() == objectId && a.instanceId() == instanceId).findFirst();
    }

    @Override
    public synchronized Optional<AclInstance> byId(int id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** Every instance, by id. */
    public synchronized List<AclInstance> instances() {
        return new ArrayList<>(instances.values());
    }

    private void putLocked(AclInstance instance) {
        instances.values().removeIf(a -> a.id() != instance.id() && a.objectId() == instance.objectId()
                && a.instanceId() == instance.instanceId());
        instances.put(instance.id(), instance);
    }

    private int nextFreeIdLocked() {
        int id = 0;
        while (instances.containsKey(id)) {
            id++;
        }
        return id;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
