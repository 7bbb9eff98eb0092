/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.lwm2m.access.AccessControl;
import io.lightgate.lwm2m.access.AccessPolicy;
import io.lightgate.lwm2m.access.Operation;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access control of one endpoint as the request handler uses it: asks {@link AccessPolicy}, answers a
 * refusal with 4.01 and a log line naming the server, and keeps the Access Control instances in step
 * with Create and Delete. A Server object instance without an Access Control instance of its own
 * belongs to the server it describes (the others may not touch it), as a bootstrap server would set it.
 */
final class EndpointAccess {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointAccess.class);

    private final String endpoint;
    private final AccessControl accessControl;
    private final IntSupplier managementServers;
    private final IntFunction<Integer> serverInstanceOwner;

    /**
     * @param serverInstanceOwner the short server id a Server object instance describes, or null
     */
    EndpointAccess(String endpoint, AccessControl accessControl, IntSupplier managementServers, IntFunction<Integer> serverInstanceOwner) {
        this.endpoint = endpoint;
        this.accessControl = accessControl;
        this.managementServers = managementServers;
        this.serverInstanceOwner = serverInstanceOwner;
    }

    AccessControl accessControl() {
        return accessControl;
    }

    /** Refuses with 4.01 (and a log line) what the server may not do on the path. */
    void check(Registration from, Operation operation, LwM2mPath path) {
        if (path.isRoot()) {
            return; // composite requests are checked per path
        }
        AccessPolicy.Decision d = decide(from, operation, path.objectId(), path.depth() >= 2 ? path.instanceId() : -1);
        if (!d.allowed()) {
            LOG.info("Endpoint '{}': {} {} refused to server {}: {}. Access Control instances (object 2) come from "
                    + "etc/io.lightgate.lwm2m.acl.cfg or a bootstrap server; change them there if this server should be allowed.",
                    endpoint, operation, path, from.server(), d.reason());
            throw LwM2mException.unauthorized(operation + " of " + path + " is not allowed for server " + from.server().shortServerId()
                    + ": " + d.reason());
        }
    }

    /** Whether an instance belongs in an object-level Read/Observe/Discover answer to the server. */
    boolean mayRead(Registration from, int objectId, int instanceId) {
        return decide(from, Operation.READ, objectId, instanceId).allowed();
    }

    /** The server created an instance: it owns it and has full rights on it. */
    void created(Registration from, int objectId, int instanceId) {
        accessControl.created(objectId, instanceId, from.server().shortServerId())
                .ifPresent(a -> LOG.info("Endpoint '{}': server {} created /{}/{} and owns Access Control instance {}", endpoint,
                        from.server(), objectId, instanceId, a));
    }

    void deleted(LwM2mPath instance) {
        accessControl.deleted(instance.objectId(), instance.instanceId());
    }

    private AccessPolicy.Decision decide(Registration from, Operation operation, int objectId, int instanceId) {
        int ssid = from.server().shortServerId();
        int servers = managementServers.getAsInt();
        if (objectId == 1 && instanceId >= 0 && servers > 1 && accessControl.provisioned()
                && accessControl.about(1, instanceId).isEmpty()) {
            Integer owner = serverInstanceOwner.apply(instanceId);
            return owner != null && owner == ssid ? new AccessPolicy.Decision(true, "")
                    : new AccessPolicy.Decision(false, "/1/" + instanceId + " is another server's Server object instance");
        }
        return AccessPolicy.decide(ssid, operation, objectId, instanceId, servers, accessControl);
    }
}
