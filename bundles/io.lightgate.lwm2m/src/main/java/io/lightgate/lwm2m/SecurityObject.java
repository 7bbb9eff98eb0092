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

/**
 * The LwM2M Security object (0) of one endpoint: an instance per server it registers with (URI,
 * not a bootstrap server, security mode, Short Server ID, X.509 certificate usage), and one for
 * its bootstrap server if it has one (resource 1 true, Client Hold Off Time). Identity and key resources stay
 * empty: secrets are never readable through the object. Its resources carry no R/W operations in the model, and management servers get 4.01
 * for any request on /0 (Core 6.3: the Security object is not accessible to them); it exists
 * for the engine, the shell and, later, the bootstrap interface.
 */
final class SecurityObject extends SimpleObject {

    private final Map<Registration, Integer> instanceIds = PerServer.map();
    private BootstrapServerDefinition bootstrapServer;
    private int bootstrapInstanceId = -1;

    /** Shows the bootstrap server's account (resource 1 true), or none; called when it changes. */
    synchronized void bootstrapServer(BootstrapServerDefinition server, long holdOffSeconds) {
        if (bootstrapInstanceId >= 0) {
            removeInstance(bootstrapInstanceId);
            bootstrapInstanceId = -1;
        }
        bootstrapServer = server;
        if (server == null) {
            return;
        }
        bootstrapInstanceId = nextFreeId();
        SimpleInstance.Builder instance = SimpleInstance.builder(bootstrapInstanceId)
                .string(0, () -> server.uri().toString())
                .bool(1, () -> true)
                .integer(2, () -> server.security().mode().lwm2mValue)
                .readable(3, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .readable(4, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .readable(5, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .integer(11, () -> holdOffSeconds);
        server.security().certificateUsage().ifPresent(usage -> instance.integer(15, () -> usage));
        addInstance(instance.build());
    }

    /** The bootstrap server shown now, if any. */
    synchronized BootstrapServerDefinition bootstrapServer() {
        return bootstrapServer;
    }

    synchronized void add(Registration r) {
        int id = nextFreeId();
        instanceIds.put(r, id);
        SimpleInstance.Builder instance = SimpleInstance.builder(id)
                .string(0, () -> r.server().uri().toString())
                .bool(1, () -> false)
                .integer(2, () -> r.server().security().mode().lwm2mValue)
                .readable(3, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .readable(4, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .readable(5, ResourceType.OPAQUE, () -> Value.ofOpaque(new byte[0]))
                .integer(10, () -> r.server().shortServerId());
        // Certificate Usage (X.509 only); keys and certificates themselves are never shown
        r.server().security().certificateUsage().ifPresent(usage -> instance.integer(15, () -> usage));
        addInstance(instance.build());
    }

    synchronized void remove(Registration r) {
        Integer id = instanceIds.remove(r);
        if (id != null) {
            removeInstance(id);
        }
    }
}
