/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.object.LwM2mObject;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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

    private final BundleContext context;
    private final Map<Integer, ResetObject> objects = new HashMap<>();
    private final Map<Integer, ServiceRegistration<LwM2mObject>> registrations = new HashMap<>();

    @Activate
    public GatewayObjects(BundleContext context) {
        this.context = context;
    }

    /** The shared object with that id, registered on first use. */
    synchronized ResetObject object(int objectId) {
        return objects.computeIfAbsent(objectId, id -> {
            ResetObject o = new ResetObject();
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(LwM2mObject.OBJECT_ID, id);
            registrations.put(id, context.registerService(LwM2mObject.class, o, props));
            return o;
        });
    }

    /** Withdraws the object when no meter has an instance in it any more. */
    synchronized void released(int objectId) {
        ResetObject o = objects.get(objectId);
        if (o != null && o.instanceIds().isEmpty()) {
            objects.remove(objectId);
            unregister(registrations.remove(objectId));
        }
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            if (r != null) {
                r.unregister();
            }
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    @Deactivate
    synchronized void deactivate() {
        registrations.values().forEach(GatewayObjects::unregister);
        registrations.clear();
        objects.clear();
    }
}
