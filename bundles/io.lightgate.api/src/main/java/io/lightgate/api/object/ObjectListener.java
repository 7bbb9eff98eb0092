/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

/**
 * How an object tells the registry that something changed; the registry turns it into
 * change events for the engine (notifications, registration updates). Calls are cheap and
 * never block; they may come from any thread.
 */
public interface ObjectListener {

    /** Values of these resources of this instance changed (no ids: any resource of it). */
    void resourcesChanged(int instanceId, int... resourceIds);

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
