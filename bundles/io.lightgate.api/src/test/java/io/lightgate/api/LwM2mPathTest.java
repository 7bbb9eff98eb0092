/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class LwM2mPathTest {

    @Test
    public void parsesRoot() {
        LwM2mPath root = LwM2mPath.parse("/");
        assertSame(LwM2mPath.ROOT, root);
        assertTrue(root.isRoot());
        assertEquals(0, root.depth());
        assertEquals(LwM2mPath.NONE, root.objectId());
        assertEquals("/", root.toString());
    }

    @Test
    public void parsesWithoutLeadingSlash() {
        LwM2mPath p = LwM2mPath.parse("3/0/1");
        assertEquals(LwM2mPath.of(3, 0, 1), p);
        assertEquals(3, p.objectId());
        assertEquals(0, p.instanceId());
        assertEquals(1, p.resourceId());
        assertEquals(LwM2mPath.NONE, p.resourceInstanceId());
        assertTrue(p.isResource());
        assertFalse(p.isInstance());
        assertEquals(3, p.depth());
    }

    @Test
    public void parsesResourceInstance() {
        LwM2mPath p = LwM2mPath.parse("/3/0/1/2");
        assertEquals(LwM2mPath.of(3, 0, 1, 2), p);
        assertTrue(p.isResourceInstance());
        assertFalse(p.isResource());
        assertEquals(4, p.depth());
        assertEquals(2, p.resourceInstanceId());
    }

    @Test
    public void parsesObjectAndInstanceAndHighestId() {
        assertEquals(LwM2mPath.of(3303), LwM2mPath.parse("/3303"));
        assertTrue(LwM2mPath.parse("/3303").isObject());
        assertEquals(LwM2mPath.of(3303, 65535), LwM2mPath.parse("/3303/65535"));
        assertTrue(LwM2mPath.parse("/3303/65535").isInstance());
        assertEquals(LwM2mPath.of(0, 0, 0, 0), LwM2mPath.parse("/0/0/0/0"));
    }

    @Test
    public void rejectsNonNumericLevel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/3/x"));
        assertTrue(e.getMessage(), e.getMessage().contains("'/3/x'"));
        assertTrue(e.getMessage(), e.getMessage().contains("'x' is not a number"));
    }

    @Test
    public void rejectsIdAbove65535() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/70000"));
        assertTrue(e.getMessage(), e.getMessage().contains("'/70000'"));
        assertTrue(e.getMessage(), e.getMessage().contains("70000 is outside 0..65535"));
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/3/65536"));
    }

    @Test
    public void rejectsNegativeId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/3/-1"));
        assertTrue(e.getMessage(), e.getMessage().contains("'/3/-1'"));
    }

    @Test
    public void rejectsFiveLevels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/3/0/1/2/3"));
        assertTrue(e.getMessage(), e.getMessage().contains("'/3/0/1/2/3'"));
        assertTrue(e.getMessage(), e.getMessage().contains("more than 4 levels"));
    }

    @Test
    public void rejectsEmptyLevel() {
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("/3//1"));
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.parse("//3"));
    }

    @Test
    public void factoriesCheckRange() {
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.of(-1));
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.of(65536));
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.of(3, LwM2mPath.NONE));
        assertThrows(IllegalArgumentException.class, () -> LwM2mPath.of(3, 0, 1, 70000));
    }

    @Test
    public void depthOfEveryLevel() {
        assertEquals(0, LwM2mPath.ROOT.depth());
        assertEquals(1, LwM2mPath.of(3).depth());
        assertEquals(2, LwM2mPath.of(3, 0).depth());
        assertEquals(3, LwM2mPath.of(3, 0, 1).depth());
        assertEquals(4, LwM2mPath.of(3, 0, 1, 2).depth());
    }

    @Test
    public void parentWalksUpToRoot() {
        LwM2mPath p = LwM2mPath.of(3, 0, 1, 2);
        assertEquals(LwM2mPath.of(3, 0, 1), p.parent());
        assertEquals(LwM2mPath.of(3, 0), p.parent().parent());
        assertEquals(LwM2mPath.of(3), p.parent().parent().parent());
        assertEquals(LwM2mPath.ROOT, p.parent().parent().parent().parent());
        assertEquals(LwM2mPath.ROOT, LwM2mPath.ROOT.parent());
    }

    @Test
    public void startsWith() {
        LwM2mPath p = LwM2mPath.of(3, 0, 1);
        assertTrue(p.startsWith(LwM2mPath.ROOT));
        assertTrue(p.startsWith(LwM2mPath.of(3)));
        assertTrue(p.startsWith(LwM2mPath.of(3, 0)));
        assertTrue(p.startsWith(p));
        assertFalse(p.startsWith(LwM2mPath.of(3, 0, 1, 0)));
        assertFalse(p.startsWith(LwM2mPath.of(3, 1)));
        assertFalse(p.startsWith(LwM2mPath.of(4)));
        assertFalse(p.startsWith(LwM2mPath.of(3, 0, 2)));
        assertTrue(LwM2mPath.of(3, 0, 1, 7).startsWith(p));
        assertFalse(LwM2mPath.of(3, 0, 1, 7).startsWith(LwM2mPath.of(3, 0, 1, 8)));
        assertTrue(LwM2mPath.ROOT.startsWith(LwM2mPath.ROOT));
        assertFalse(LwM2mPath.ROOT.startsWith(LwM2mPath.of(3)));
    }

    @Test
    public void compareToOrdersParentsBeforeChildrenAndIdsNumerically() {
        List<LwM2mPath> expected = List.of(
                LwM2mPath.ROOT,
                LwM2mPath.of(3),
                LwM2mPath.of(3, 0),
                LwM2mPath.of(3, 0, 1),
                LwM2mPath.of(3, 0, 1, 0),
                LwM2mPath.of(3, 0, 1, 10),
                LwM2mPath.of(3, 0, 2),
                LwM2mPath.of(3, 1),
                LwM2mPath.of(20),
                LwM2mPath.of(3303, 0, 5700));
        List<LwM2mPath> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        assertEquals(0, LwM2mPath.parse("/3/0").compareTo(LwM2mPath.of(3, 0)));
    }

    @Test
    public void equalsAndHashCode() {
        assertEquals(LwM2mPath.parse("3/0"), LwM2mPath.of(3, 0));
        assertEquals(LwM2mPath.parse("3/0").hashCode(), LwM2mPath.of(3, 0).hashCode());
        assertNotEquals(LwM2mPath.of(3, 0), LwM2mPath.of(3, 0, 0));
        assertNotEquals(LwM2mPath.of(3, 0), LwM2mPath.of(0, 3));
    }

    @Test
    public void toStringRoundTrips() {
        for (String text : new String[] { "/", "/3", "/3/0", "/3/0/1", "/3/0/1/2", "/65535/65535/65535/65535", "/0/0" }) {
            LwM2mPath p = LwM2mPath.parse(text);
            assertEquals(text, p.toString());
            assertEquals(p, LwM2mPath.parse(p.toString()));
        }
        assertEquals("/3/0/1", LwM2mPath.parse("3/0/1").toString());
        assertEquals("/3/0", LwM2mPath.parse("/3/0/").toString());
    }
}
