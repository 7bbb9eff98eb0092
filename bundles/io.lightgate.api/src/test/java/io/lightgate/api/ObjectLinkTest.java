/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ObjectLinkTest {

    @Test
    public void parsesAndFormats() {
        ObjectLink l = ObjectLink.parse("3:0");
        assertEquals(3, l.objectId());
        assertEquals(0, l.instanceId());
        assertEquals("3:0", l.toString());
        assertEquals(new ObjectLink(3303, 12), ObjectLink.parse(" 3303:12 "));
    }

    @Test
    public void nullLink() {
        assertEquals(ObjectLink.NULL, ObjectLink.parse("65535:65535"));
        assertEquals("65535:65535", ObjectLink.NULL.toString());
    }

    @Test
    public void roundTrip() {
        for (String text : new String[] { "0:0", "1:65535", "65535:0", "10241:7" }) {
            assertEquals(text, ObjectLink.parse(text).toString());
        }
    }

    @Test
    public void rejectsMalformedText() {
        for (String text : new String[] { "3", "3:0:1", "a:b", "3:", ":0", "", "3.0" }) {
            IllegalArgumentException e = assertThrows(text, IllegalArgumentException.class, () -> ObjectLink.parse(text));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + text + "'"));
        }
    }

    @Test
    public void rejectsIdsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ObjectLink.parse("70000:0"));
        assertThrows(IllegalArgumentException.class, () -> ObjectLink.parse("0:-1"));
        assertThrows(IllegalArgumentException.class, () -> new ObjectLink(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ObjectLink(0, 65536));
    }
}
