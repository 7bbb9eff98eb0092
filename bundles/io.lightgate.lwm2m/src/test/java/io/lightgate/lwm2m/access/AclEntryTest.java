/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class AclEntryTest {

    @Test
    public void parsesEndpointTargetOwnerAndRights() {
        AclEntry e = AclEntry.parse("  gw 3303/0 owner=2 default=R 1=re 2=31 3=-  ");
        assertEquals("gw", e.endpoint());
        assertEquals(3303, e.objectId());
        assertEquals(0, e.instanceId());
        assertEquals(2, e.owner());
        assertEquals(Map.of(0, 1, 1, 5, 2, 31, 3, 0), e.acl());
    }

    @Test
    public void theOwnerIsTheBootstrapServerUnlessNamed() {
        assertEquals(AclInstance.BOOTSTRAP_OWNER, AclEntry.parse("* 3303/65535 2=C").owner());
    }

    @Test
    public void badLinesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* 3303 1=R")).getMessage().contains("<object>/<instance>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* 3303/0 1=RX")).getMessage().contains("'X'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* 3303/0 1")).getMessage().contains("<ssid>=<rights>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* 0/0 1=R")).getMessage().contains("Object ID"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* a/0 1=R")).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AclEntry.parse("* 3/0 1=70000")).getMessage().contains("16 bits"));
        assertThrows(IllegalArgumentException.class, () -> AclEntry.parse(""));
    }

    @Test
    public void anEntryNamingTheEndpointReplacesTheWildcardOne() {
        List<AclEntry> entries = List.of(AclEntry.parse("* 3303/0 1=R"), AclEntry.parse("gw 3303/0 1=RW"),
                AclEntry.parse("* 3303/0 1=-"), AclEntry.parse("other 3/0 1=R"), AclEntry.parse("* 3/0 2=R"));
        List<AclInstance> gw = AclEntry.instancesFor("gw", entries);
        assertEquals(2, gw.size());
        assertEquals(0, gw.get(0).id());
        assertEquals(3, gw.get(0).rightsOf(1));
        assertEquals(1, gw.get(1).id());
        assertEquals(3, gw.get(1).objectId());
        assertEquals(Map.of(2, 1), gw.get(1).acl());
        assertEquals(Map.of(1, 1), AclEntry.instancesFor("other", entries).get(1).acl());
        assertTrue(AclEntry.appliesTo("x", entries));
        assertFalse(AclEntry.appliesTo("x", List.of(AclEntry.parse("gw 3/0 1=R"))));
    }

    @Test
    public void rightsFormatAsLetters() {
        assertEquals("RWEDC", AccessRights.format(31));
        assertEquals("-", AccessRights.format(0));
        assertEquals("RE", AccessRights.format(AccessRights.parse("er")));
    }
}
