/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Access Control object instance (/2/id): the object instance it is about (resources 0 and 1;
 * instance 65535 holds the object-level Create right), the ACL (resource 2: short server id to
 * rights, id 0 being the default for servers without an entry) and the Access Control Owner
 * (resource 3; 65535 = only a bootstrap server may change it). Immutable.
 *
 * @param id the Access Control instance id
 * @param objectId the object the rights are about (1..65534)
 * @param instanceId the object instance, or {@link #OBJECT_LEVEL} for Create
 * @param acl short server id (0 = default) to rights
 * @param owner the short server id of the owner
 */
public record AclInstance(int id, int objectId, int instanceId, SortedMap<Integer, Integer> acl, int owner) {

    /** The instance id that stands for the object itself (Create). */
    public static final int OBJECT_LEVEL = 65535;
    /** The ACL key of the default rights. */
    public static final int DEFAULT_ACL = 0;
    /** The owner that means "managed by the bootstrap server only". */
    public static final int BOOTSTRAP_OWNER = 65535;

    public AclInstance {
        check(id, 0, 65534, "Access Control instance id");
        check(objectId, 1, 65534, "Object ID (2/x/0)");
        check(instanceId, 0, 65535, "Object Instance ID (2/x/1)");
        check(owner, 0, 65535, "Access Control Owner (2/x/3)");
        SortedMap<Integer, Integer> copy = new TreeMap<>();
        acl.forEach((ssid, rights) -> {
            check(ssid, 0, 65535, "ACL short server id");
            check(rights, 0, 65535, "ACL value of server " + ssid);
            copy.put(ssid, rights);
        });
        acl = Collections.unmodifiableSortedMap(copy);
    }

    /** The same instance with another ACL. */
    public AclInstance withAcl(Map<Integer, Integer> newAcl) {
        return new AclInstance(id, objectId, instanceId, new TreeMap<>(newAcl), owner);
    }

    /** The same instance with another owner. */
    public AclInstance withOwner(int newOwner) {
        return new AclInstance(id, objectId, instanceId, acl, newOwner);
    }

    /**
     * The rights of a server here (Core 1.1 §7.3): its own ACL entry if there is one; else full
     * rights if it is the owner ("the Access Control Owner ... which doesn't have ACL Resource
     * Instance, have full access right"); else the default entry (0); else none.
     */
    public int rightsOf(int shortServerId) {
        Integer own = acl.get(shortServerId);
        if (own != null) {
            return own;
        }
        if (owner == shortServerId) {
            return AccessRights.ALL;
        }
        return acl.getOrDefault(DEFAULT_ACL, 0);
    }

    private static void check(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("/2/").append(id).append(" for /").append(objectId).append('/').append(instanceId)
                .append(" owner=").append(owner);
        acl.forEach((ssid, rights) -> b.append(' ').append(ssid == DEFAULT_ACL ? "default" : ssid).append('=').append(AccessRights.format(rights)));
        return b.toString();
    }
}
