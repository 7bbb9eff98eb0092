/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.Optional;

/**
 * Whether a management server may perform an operation on a path of an endpoint (OMA LwM2M Core
 * 1.1 §7.3). Pure: it reads the endpoint's Access Control instances and decides; the engine answers
 * 4.01 Unauthorized for a refusal.
 *
 * <ul>
 * <li>The Security object (0) is never accessible to a management server (Core §6.3; only a
 * bootstrap server touches it), so no management server ever reads a key.</li>
 * <li>With one management server (or none) everything else is allowed: "In the particular case where a
 * single LwM2M Server Account exists ..., the Server MUST have full access right". Also when no Access
 * Control instances were provisioned for the endpoint at all (the gateway's choice: a gateway without an
 * ACL file behaves as before; the README says so).</li>
 * <li>Object-level Read, Observe, Discover and Write-Attributes are allowed; their answers hold only the
 * instances the server may read ({@link #mayRead}). Object-level Create needs C in the Access Control
 * instance about object instance 65535.</li>
 * <li>An operation on an object instance (or below) needs its right in the Access Control instance about
 * that object instance, taken by {@link AclInstance#rightsOf}; no such instance: no rights.</li>
 * <li>Access Control instances themselves (object 2): every server may read them; only the owner may write
 * one (owner 65535: nobody but a bootstrap server); Create and Delete belong to the client and the bootstrap
 * server.</li>
 * </ul>
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** The answer: allowed, or refused with the reason (for the 4.01 diagnostic and the log). */
    public record Decision(boolean allowed, String reason) {

        static final Decision ALLOWED = new Decision(true, "");

        static Decision refused(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * @param shortServerId the asking server
     * @param operation what it asks for
     * @param objectId the object of the path
     * @param instanceId the instance of the path, or a negative number for an object-level path
     * @param managementServers how many management servers the endpoint has
     * @param acls the endpoint's Access Control instances
     */
    public static Decision decide(int shortServerId, Operation operation, int objectId, int instanceId, int managementServers,
            AclLookup acls) {
        if (objectId == 0) {
            return Decision.refused("the Security object (0) is only accessible to a bootstrap server");
        }
        if (managementServers <= 1 || !acls.provisioned()) {
            return Decision.ALLOWED;
        }
        if (objectId == 2) {
            return accessControlObject(shortServerId, operation, instanceId, acls);
        }
        if (instanceId < 0) {
            if (operation != Operation.CREATE) {
                return Decision.ALLOWED; // reads are filtered per instance; other object-level requests are not operations
            }
            return need(shortServerId, operation, acls.about(objectId, AclInstance.OBJECT_LEVEL), objectId, AclInstance.OBJECT_LEVEL);
        }
        return need(shortServerId, operation, acls.about(objectId, instanceId), objectId, instanceId);
    }

    /** Whether an instance belongs in an object-level Read, Observe or Discover answer to this server. */
    public static boolean mayRead(int shortServerId, int objectId, int instanceId, int managementServers, AclLookup acls) {
        return decide(shortServerId, Operation.READ, objectId, instanceId, managementServers, acls).allowed();
    }

    private static Decision need(int ssid, Operation operation, Optional<AclInstance> aco, int objectId, int instanceId) {
        String target = "/" + objectId + "/" + instanceId;
        if (aco.isEmpty()) {
            return Decision.refused("no Access Control instance grants any right on " + target);
        }
        int rights = aco.get().rightsOf(ssid);
        if ((rights & operation.right()) != 0) {
            return Decision.ALLOWED;
        }
        return Decision.refused(operation + " needs " + AccessRights.format(operation.right()) + "; Access Control instance /2/"
                + aco.get().id() + " grants server " + ssid + " " + AccessRights.format(rights) + " on " + target);
    }

    private static Decision accessControlObject(int ssid, Operation operation, int instanceId, AclLookup acls) {
        if (operation.readsOnly() || operation == Operation.EXECUTE) {
            return Decision.ALLOWED; // Execute: the object has no executable resource and answers 4.05
        }
        if (operation == Operation.CREATE || operation == Operation.DELETE) {
            return Decision.refused(operation + " of Access Control instances is for the client and the bootstrap server");
        }
        if (instanceId < 0) {
            return Decision.ALLOWED; // not an operation; the request handler answers 4.05
        }
        Optional<AclInstance> aco = acls.byId(instanceId);
        if (aco.isEmpty()) {
            return Decision.ALLOWED; // the object answers 4.04
        }
        int owner = aco.get().owner();
        if (owner == ssid) {
            return Decision.ALLOWED;
        }
        return Decision.refused("only the Access Control Owner of /2/" + instanceId + " may change it, which is "
                + (owner == AclInstance.BOOTSTRAP_OWNER ? "the bootstrap server" : "server " + owner));
    }
}
