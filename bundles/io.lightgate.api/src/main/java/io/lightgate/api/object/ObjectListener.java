/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.Resource;
import java.util.List;

/**
 * How an object tells the registry that something changed; the registry turns it into
 * change events for the engine (notifications, registration updates). Calls are cheap and
 * never block; they may come from any thread.
 */
public interface ObjectListener {

    /** Values of these resources of this instance changed (no ids: any resource of it). */
    void resourcesChanged(int instanceId, int... resourceIds);

    /**
     * These resources of this instance changed to these values. Like {@link #resourcesChanged},
     * but the engine keeps the values as they were at the change: while a server is unreachable
     * each change is stored as reported, even when the next one follows before the engine could
     * have read it. Values that do not fit the object's model are ignored (the change is then
     * read later, as with {@link #resourcesChanged}).
     */
    default void valuesChanged(int instanceId, List<Resource> values) {
        if (!values.isEmpty()) {
            resourcesChanged(instanceId, values.stream().mapToInt(Resource::id).toArray());
        }
    }

    /** Instances were added or removed; the registry reads {@link LwM2mObject#instanceIds()}. */
    void instancesChanged();

    /**
     * Asks for these resources' current values to be sent to the endpoint's servers now,
     * without being observed (LwM2M 1.1 Send). No ids: every readable resource of the instance.
     * A listener that cannot send ignores it.
     */
    default void sendRequested(int instanceId, int... resourceIds) {
        // not every listener sends
    }
}
