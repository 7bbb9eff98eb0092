/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The services that make an OPC UA server an LwM2M endpoint in the registry: the endpoint
 * descriptor and one object service per object. The endpoint can come and go on its own
 * (de-register while disconnected); the objects wait for it in the registry.
 */
final class ServerRegistrations {

    private final BundleContext context;
    private final EndpointDescriptor endpoint;
    private ServiceRegistration<EndpointDescriptor> endpointRegistration;
    private final List<ServiceRegistration<LwM2mObject>> objectRegistrations = new ArrayList<>();

    private final boolean behindGateway;

    ServerRegistrations(BundleContext context, EndpointDescriptor endpoint, boolean behindGateway) {
        this.context = context;
        this.endpoint = endpoint;
        this.behindGateway = behindGateway;
    }

    void registerEndpoint() {
        if (endpointRegistration == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            if (behindGateway) { // the engine puts it behind the gateway's registration (object 25)
                properties.put(EndpointDescriptor.BEHIND_GATEWAY, true);
            }
            endpointRegistration = context.registerService(EndpointDescriptor.class, endpoint, properties);
        }
    }

    boolean isEndpointRegistered() {
        return endpointRegistration != null;
    }

    void unregisterEndpoint() {
        if (endpointRegistration != null) {
            unregister(endpointRegistration);
            endpointRegistration = null;
        }
    }

    void registerObjects(List<MappedObject> objects) {
        for (MappedObject o : objects) {
            registerObject(o.objectId(), o);
        }
    }

    void registerObject(int objectId, LwM2mObject object) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(LwM2mObject.OBJECT_ID, objectId);
        props.put(LwM2mObject.ENDPOINT, endpoint.name());
        objectRegistrations.add(context.registerService(LwM2mObject.class, object, props));
    }

    void unregisterAll() {
        objectRegistrations.forEach(ServerRegistrations::unregister);
        objectRegistrations.clear();
        unregisterEndpoint();
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // the bundle is stopping and it is gone already
        }
    }
}
