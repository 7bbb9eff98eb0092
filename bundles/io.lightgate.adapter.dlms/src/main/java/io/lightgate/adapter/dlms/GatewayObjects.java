/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.registry.EndpointContribution;
import io.lightgate.api.registry.ObjectContribution;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The objects meters share when they are instances under the gateway's own endpoint
 * ({@code gateway.instance >= 0}): one object per id, registered while any meter has an
 * instance in it. A single contributor per object id avoids the registry's duplicate rule.
 */
@Component(service = GatewayObjects.class)
public final class GatewayObjects {

    private final EndpointContribution contribution;
    private final Map<Integer, ResetObject> objects = new HashMap<>();
    private final Map<Integer, ObjectContribution> contributions = new HashMap<>();

    @Activate
    public GatewayObjects(BundleContext context) {
        this.contribution = EndpointContribution.services(context, null);
    }

    /** The shared object with that id, registered on first use. */
    synchronized ResetObject object(int objectId) {
        return objects.computeIfAbsent(objectId, id -> {
            ResetObject o = new ResetObject();
            contributions.put(id, contribution.add(id, o));
            return o;
        });
    }

    /** Withdraws the object when no meter has an instance in it any more. */
    synchronized void released(int objectId) {
        ResetObject o = objects.get(objectId);
        if (o != null && o.instanceIds().isEmpty()) {
            objects.remove(objectId);
            contributions.remove(objectId).withdraw();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        contribution.withdraw();
        contributions.clear();
        objects.clear();
    }
}
