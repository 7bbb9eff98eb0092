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
}
