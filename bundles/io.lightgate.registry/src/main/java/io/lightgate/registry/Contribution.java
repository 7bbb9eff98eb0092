/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.object.LwM2mObject;
import java.util.Comparator;

/**
 * One object service as the whiteboard saw it.
 *
 * @param serviceId the OSGi service id (earlier registrations have lower ids); negative for an
 *        object contributed directly ({@link ObjectTreeRegistry#contribute}), which so comes first
 * @param ranking the service ranking
 * @param objectId the object id from {@value LwM2mObject#OBJECT_ID}, or null when missing/invalid
 * @param endpoint the endpoint from {@value LwM2mObject#ENDPOINT}, or null for the gateway's own
 * @param object the service object
 * @param bundle the contributing bundle, for log lines ("symbolic-name version [id]")
 * @param shared true when it brings instances of an object several contributors share ({@value LwM2mObject#SHARED})
 */
record Contribution(long serviceId, int ranking, Integer objectId, String endpoint, LwM2mObject object, String bundle, boolean shared) {

    /** A contribution that is not shared. */
    Contribution(long serviceId, int ranking, Integer objectId, String endpoint, LwM2mObject object, String bundle) {
        this(serviceId, ranking, objectId, endpoint, object, bundle, false);
    }

    /** Winner first: highest ranking, then earliest registration. */
    static final Comparator<Contribution> PRECEDENCE = Comparator.comparingInt(Contribution::ranking).reversed()
            .thenComparingLong(Contribution::serviceId);

    String describe() {
        if (object instanceof SharedObject shared) {
            return "the contributors sharing it (" + String.join(", ", shared.members().stream().map(Contribution::describe).toList()) + ")";
        }
        return serviceId < 0 ? "bundle " + bundle + " (direct contribution, ranking " + ranking + ")"
                : "bundle " + bundle + " (service " + serviceId + ", ranking " + ranking + ")";
    }
}
