/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The LwM2M Gateway object (25) of the gateway's own endpoint: one instance per end device behind
 * its registration, with 0 Device ID (the device's endpoint name), 1 Prefix and 3 IoT Device
 * Objects (its object instances as CoRE links under the prefix, read when asked).
 */
final class GatewayObject extends SimpleObject {

    static final int OBJECT_ID = 25;
    static final int DEVICE_ID = 0;
    static final int PREFIX = 1;
    static final int IOT_DEVICE_OBJECTS = 3;

    private final Map<String, Integer> instanceByDevice = new ConcurrentHashMap<>();

    /** Adds the device's instance (the registry then sees a new instance: the gateway sends an Update). */
    synchronized int add(String device, String prefix, Supplier<String> deviceObjects) {
        Integer existing = instanceByDevice.get(device);
        if (existing != null) {
            return existing;
        }
        int id = nextFreeId();
        instanceByDevice.put(device, id);
        addInstance(SimpleInstance.builder(id)
                .string(DEVICE_ID, () -> device)
                .string(PREFIX, () -> prefix)
                .readable(IOT_DEVICE_OBJECTS, ResourceType.CORELNK, () -> Value.ofCoreLink(deviceObjects.get()))
                .build());
        return id;
    }

    /** Removes the device's instance, if it has one. */
    synchronized void remove(String device) {
        Integer id = instanceByDevice.remove(device);
        if (id != null) {
            removeInstance(id);
        }
    }

    /** The device's objects changed: observers of its IoT Device Objects are told. */
    void deviceObjectsChanged(String device) {
        Integer id = instanceByDevice.get(device);
        if (id != null) {
            fireResourcesChanged(id, IOT_DEVICE_OBJECTS);
        }
    }
}
