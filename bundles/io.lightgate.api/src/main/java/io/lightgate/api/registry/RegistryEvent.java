/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import io.lightgate.api.LwM2mPath;
import java.util.List;
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
 */
public record RegistryEvent(Kind kind, String endpoint, List<LwM2mPath> paths) {

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
        paths = List.copyOf(paths);
    }

    @Override
    public String toString() {
        return kind + " " + endpoint + (paths.isEmpty() ? "" : " " + paths);
    }
}
