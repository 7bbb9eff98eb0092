/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.registry.RegistryListener;
import java.util.ArrayList;
import java.util.List;

/** A registry listener that keeps every event it sees, for assertions. */
final class EventRecorder implements RegistryListener {

    private final List<RegistryEvent> events = new ArrayList<>();

    @Override
    public synchronized void registryChanged(RegistryEvent event) {
        events.add(event);
    }

    synchronized List<RegistryEvent> all() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    /** Events of a kind for an endpoint and path. */
    synchronized long count(RegistryEvent.Kind kind, String endpoint, LwM2mPath path) {
        return events.stream().filter(e -> e.kind() == kind && e.endpoint().equals(endpoint) && e.paths().contains(path)).count();
    }

    /** Tree-shape events for an endpoint that touch one object (the object itself or its instances). */
    synchronized List<RegistryEvent> treeChanges(String endpoint, int objectId) {
        LwM2mPath object = LwM2mPath.of(objectId);
        return events.stream().filter(e -> e.kind().changesTree() && e.endpoint().equals(endpoint)
                && e.paths().stream().anyMatch(p -> p.startsWith(object))).toList();
    }

    /** Events that change a tree's shape (not values) for an endpoint. */
    synchronized List<RegistryEvent> treeChanges(String endpoint) {
        return events.stream().filter(e -> e.kind().changesTree() && e.endpoint().equals(endpoint)).toList();
    }
}
