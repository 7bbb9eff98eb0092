/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change in the registry.
 *
 * @param kind what changed
 * @param endpoint the endpoint it concerns
 * @param paths object paths for OBJECT_*, instance paths for INSTANCE_*, resource paths (or
 *        instance paths when the object did not say which resources) for VALUES_CHANGED and
 *        SEND_REQUESTED,
 *        empty for ENDPOINT_*
 * @param values for VALUES_CHANGED, the new values the object reported with the change, by
 *        resource path (see {@link io.lightgate.api.object.ObjectListener#valuesChanged}); a
 *        changed path without a value here is read when it is needed. Empty for other kinds.
 * @param changedAt for VALUES_CHANGED, when the object reported the change; {@link Instant#EPOCH}
 *        for other kinds
 */
public record RegistryEvent(Kind kind, String endpoint, List<LwM2mPath> paths, Map<LwM2mPath, Resource> values, Instant changedAt) {

    /** The kinds of change. */
    public enum Kind {
        ENDPOINT_ADDED, ENDPOINT_REMOVED,
        OBJECT_ADDED, OBJECT_REMOVED,
        INSTANCE_ADDED, INSTANCE_REMOVED,
        VALUES_CHANGED,
        /** An object asks for values to be sent to the servers now (LwM2M 1.1 Send). */
        SEND_REQUESTED;

        /** True for changes of the tree's shape, which servers learn through a Registration Update. */
        public boolean changesTree() {
            return this != VALUES_CHANGED && this != SEND_REQUESTED;
        }
    }

    public RegistryEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(changedAt, "changedAt");
        paths = List.copyOf(paths);
        values = Map.copyOf(values);
        if (kind != Kind.VALUES_CHANGED && !values.isEmpty()) {
            throw new IllegalArgumentException(kind + " carries no values");
        }
    }

    /** An event without values. */
    public RegistryEvent(Kind kind, String endpoint, List<LwM2mPath> paths) {
        this(kind, endpoint, paths, Map.of(), Instant.EPOCH);
    }

    /** Values changed at {@code changedAt}; {@code values} holds those the object reported with the change. */
    public static RegistryEvent valuesChanged(String endpoint, List<LwM2mPath> paths, Map<LwM2mPath, Resource> values, Instant changedAt) {
        return new RegistryEvent(Kind.VALUES_CHANGED, endpoint, paths, values, changedAt);
    }

    @Override
    public String toString() {
        return kind + " " + endpoint + (paths.isEmpty() ? "" : " " + paths);
    }
}
