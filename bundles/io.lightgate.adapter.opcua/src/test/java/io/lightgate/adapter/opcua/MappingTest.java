/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class MappingTest {

    @Test
    public void parsesNodePathAndOptions() {
        Mapping m = Mapping.parse("ns=2;s=Machine1/Temperature -> 3303/0/5700 scale=0.1 offset=-273.15");
        assertEquals("ns=2;s=Machine1/Temperature", m.nodeId());
        assertEquals(3303, m.objectId());
        assertEquals(0, m.instanceId());
        assertEquals(5700, m.resourceId());
        assertEquals(0.1, m.scale(), 0);
        assertEquals(-273.15, m.offset(), 0);
        assertNull(m.ownerNodeId());
        assertEquals(2500 * 0.1 - 273.15, m.toLwM2m(2500), 1e-9);
        assertEquals(2500, m.toOpcUa(m.toLwM2m(2500)), 1e-9);
    }

    @Test
    public void methodOwnerMayBeNamed() {
        Mapping m = Mapping.parse("ns=2;s=Counter1/Reset->/3200/0/5505 object=ns=2;s=Counter1");
        assertEquals("ns=2;s=Counter1", m.ownerNodeId());
        assertEquals("/3200/0/5505", m.path());
        assertTrue(Mapping.parse("ns=3;i=1001 -> 3303/1/5700").isIdentity());
    }

    @Test
    public void unitsMayBeNamed() {
        assertEquals("°F", Mapping.parse("ns=2;s=Oven2/Temperature -> 3303/1/5700 scale=1.8 offset=32 units=°F").units());
        assertNull(Mapping.parse("ns=2;s=Oven2/Temperature -> 3303/1/5700").units());
    }

    @Test
    public void badEntriesNameThemselvesAndTheFileAndTheOthersStay() {
        List<String> errors = new java.util.ArrayList<>();
        List<Mapping> kept = Mapping.parseAll(new String[] { "ns=2;s=A -> 3303/0/5700", "ns=2;s=B 3303/0/5700",
                "ns=2;s=C -> 3303/0/5700", "ns=2;s=D -> 3303/1/5700" }, "etc/x.cfg", errors::add);
        assertEquals(List.of("ns=2;s=A", "ns=2;s=D"), kept.stream().map(Mapping::nodeId).toList());
        assertEquals(errors.toString(), 2, errors.size());
        assertTrue(errors.get(0), errors.get(0).contains("mappings[1]") && errors.get(0).contains("etc/x.cfg")
                && errors.get(0).contains("no '->'"));
        assertTrue(errors.get(1), errors.get(1).contains("mappings[2]") && errors.get(1).contains("mapped twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mapping.parse("ns=2;s=A -> 3303/0")).getMessage()
                .contains("<object>/<instance>/<resource>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mapping.parse("ns=2;s=A -> 3303/0/5700 scale=0")).getMessage()
                .contains("scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mapping.parse("ns=2;s=A -> 3303/0/5700 unit=K")).getMessage()
                .contains("unknown option"));
    }

    @Test
    public void blankEntriesAreSkipped() {
        assertEquals(List.of(Mapping.parse("ns=2;s=A -> 3303/0/5700")), Mapping.parseAll(new String[] { " ", "ns=2;s=A -> 3303/0/5700" }, "f", e -> { }));
    }
}
