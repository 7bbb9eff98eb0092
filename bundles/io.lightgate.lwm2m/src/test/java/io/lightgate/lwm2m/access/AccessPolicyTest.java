/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class AccessPolicyTest {

    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;

    private static AclInstance aco(int id, int object, int instance, int owner, Map<Integer, Integer> acl) {
        return new AclInstance(id, object, instance, new TreeMap<>(acl), owner);
    }

    private static AccessControl provisioned(AclInstance... instances) {
        AccessControl acl = new AccessControl();
        acl.replaceAll(List.of(instances), true);
        return acl;
    }

    private static boolean allowed(int ssid, Operation op, int object, int instance, AclLookup acls) {
        return AccessPolicy.decide(ssid, op, object, instance, 2, acls).allowed();
    }

    @Test
    public void aSingleServerMayDoEverythingButTouchTheSecurityObject() {
        AccessControl acls = provisioned(aco(0, 3303, 0, B, Map.of(B, AccessRights.READ)));
        assertTrue(AccessPolicy.decide(A, Operation.WRITE, 3303, 0, 1, acls).allowed());
        assertTrue(AccessPolicy.decide(A, Operation.CREATE, 3303, -1, 1, acls).allowed());
        assertFalse(AccessPolicy.decide(A, Operation.READ, 0, 0, 1, acls).allowed());
        assertFalse(AccessPolicy.decide(A, Operation.READ, 0, -1, 2, new AccessControl()).allowed());
    }

    @Test
    public void withoutAnyProvisionedInstanceEveryServerMayDoEverything() {
        assertTrue(allowed(A, Operation.WRITE, 3303, 0, new AccessControl()));
        assertTrue(allowed(B, Operation.DELETE, 3303, 0, new AccessControl()));
    }

    @Test
    public void theServersOwnAclEntryDecides() {
        AccessControl acls = provisioned(aco(0, 3303, 0, AclInstance.BOOTSTRAP_OWNER,
                Map.of(A, AccessRights.READ, B, AccessRights.READ | AccessRights.WRITE)));
        assertTrue(allowed(A, Operation.READ, 3303, 0, acls));
        assertTrue(allowed(A, Operation.OBSERVE, 3303, 0, acls));
        assertTrue(allowed(A, Operation.DISCOVER, 3303, 0, acls));
        assertTrue(allowed(A, Operation.WRITE_ATTRIBUTES, 3303, 0, acls));
        AccessPolicy.Decision refused = AccessPolicy.decide(A, Operation.WRITE, 3303, 0, 2, acls);
        assertFalse(refused.allowed());
        assertEquals("Write needs W; Access Control instance /2/0 grants server 1 R on /3303/0", refused.reason());
        assertTrue(allowed(B, Operation.WRITE, 3303, 0, acls));
        assertFalse(allowed(B, Operation.EXECUTE, 3303, 0, acls));
        assertFalse(allowed(B, Operation.DELETE, 3303, 0, acls));
    }

    @Test
    public void serversWithoutAnEntryGetTheDefaultAndTheOwnerGetsEverything() {
        AccessControl acls = provisioned(aco(0, 3, 0, B, Map.of(AclInstance.DEFAULT_ACL, AccessRights.READ, A, AccessRights.EXECUTE)));
        assertTrue(allowed(C, Operation.READ, 3, 0, acls)); // default
        assertFalse(allowed(C, Operation.WRITE, 3, 0, acls));
        assertTrue(allowed(A, Operation.EXECUTE, 3, 0, acls)); // own entry replaces the default
        assertFalse(allowed(A, Operation.READ, 3, 0, acls));
        assertTrue(allowed(B, Operation.WRITE, 3, 0, acls)); // owner without an entry
        assertTrue(allowed(B, Operation.DELETE, 3, 0, acls));
    }

    @Test
    public void anOwnerWithAnEntryHasWhatTheEntrySays() {
        AccessControl acls = provisioned(aco(0, 3, 0, B, Map.of(B, AccessRights.READ)));
        assertFalse(allowed(B, Operation.WRITE, 3, 0, acls));
    }

    @Test
    public void anInstanceWithoutAccessControlInstanceIsRefusedToEveryone() {
        AccessControl acls = provisioned(aco(0, 3303, 0, A, Map.of()));
        assertFalse(allowed(A, Operation.READ, 3303, 1, acls));
        assertTrue(AccessPolicy.decide(A, Operation.READ, 3303, 1, 2, acls).reason().contains("/3303/1"));
    }

    @Test
    public void createNeedsTheCreateRightOnInstance65535() {
        AccessControl acls = provisioned(aco(0, 3303, AclInstance.OBJECT_LEVEL, AclInstance.BOOTSTRAP_OWNER, Map.of(B, AccessRights.CREATE)));
        assertTrue(allowed(B, Operation.CREATE, 3303, -1, acls));
        assertFalse(allowed(A, Operation.CREATE, 3303, -1, acls));
        assertFalse(allowed(B, Operation.CREATE, 3308, -1, acls));
    }

    @Test
    public void theCreatorOwnsWhatItCreatedWithFullRights() {
        AccessControl acls = provisioned(aco(0, 3303, AclInstance.OBJECT_LEVEL, AclInstance.BOOTSTRAP_OWNER, Map.of(B, AccessRights.CREATE)));
        AclInstance made = acls.created(3303, 7, B).orElseThrow();
        assertEquals(B, made.owner());
        assertEquals(Map.of(B, AccessRights.FULL_ON_INSTANCE), made.acl());
        for (Operation op : List.of(Operation.READ, Operation.WRITE, Operation.EXECUTE, Operation.DELETE)) {
            assertTrue(op.toString(), allowed(B, op, 3303, 7, acls));
            assertFalse(op.toString(), allowed(A, op, 3303, 7, acls));
        }
        // the owner may widen the ACL, e.g. let A read
        assertTrue(allowed(B, Operation.WRITE, 2, made.id(), acls));
        assertFalse(allowed(A, Operation.WRITE, 2, made.id(), acls));
        acls.put(made.withAcl(Map.of(B, AccessRights.FULL_ON_INSTANCE, A, AccessRights.READ)));
        assertTrue(allowed(A, Operation.READ, 3303, 7, acls));
        acls.deleted(3303, 7);
        assertTrue(acls.about(3303, 7).isEmpty());
    }

    @Test
    public void nothingIsMadeForCreatesWhileAccessIsNotControlled() {
        assertTrue(new AccessControl().created(3303, 0, B).isEmpty());
    }

    @Test
    public void accessControlInstancesAreReadableByAllAndWritableByTheirOwnerOnly() {
        AccessControl acls = provisioned(aco(0, 3303, 0, A, Map.of()), aco(1, 3303, 1, AclInstance.BOOTSTRAP_OWNER, Map.of()));
        assertTrue(allowed(B, Operation.READ, 2, 0, acls));
        assertTrue(allowed(B, Operation.READ, 2, -1, acls));
        assertTrue(allowed(A, Operation.WRITE, 2, 0, acls));
        assertFalse(allowed(B, Operation.WRITE, 2, 0, acls));
        assertFalse(allowed(A, Operation.WRITE, 2, 1, acls));
        assertTrue(AccessPolicy.decide(A, Operation.WRITE, 2, 1, 2, acls).reason().contains("bootstrap server"));
        assertFalse(allowed(A, Operation.DELETE, 2, 0, acls));
        assertFalse(allowed(A, Operation.CREATE, 2, -1, acls));
    }

    @Test
    public void objectLevelReadsAreAllowedAndFilteredPerInstance() {
        AccessControl acls = provisioned(aco(0, 3303, 0, AclInstance.BOOTSTRAP_OWNER, Map.of(A, AccessRights.READ)),
                aco(1, 3303, 1, AclInstance.BOOTSTRAP_OWNER, Map.of(B, AccessRights.READ)));
        assertTrue(allowed(A, Operation.READ, 3303, -1, acls));
        assertTrue(AccessPolicy.mayRead(A, 3303, 0, 2, acls));
        assertFalse(AccessPolicy.mayRead(A, 3303, 1, 2, acls));
        assertTrue(AccessPolicy.mayRead(B, 3303, 1, 2, acls));
    }
}
