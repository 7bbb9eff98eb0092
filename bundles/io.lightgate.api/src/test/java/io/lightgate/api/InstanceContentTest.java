/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.Test;

/** The content's map answers as the TreeMap it replaced did (ResourcesById). */
public class InstanceContentTest {

    @Test
    public void ofAnswersAsATreeMapFilledInTheSameOrder() {
        Random random = new Random(14);
        for (int round = 0; round < 500; round++) {
            List<Resource> resources = new ArrayList<>();
            TreeMap<Integer, Resource> expected = new TreeMap<>();
            int n = random.nextInt(25);
            for (int i = 0; i < n; i++) {
                Resource r = Resource.of(random.nextInt(30), Value.of(random.nextInt(1000)));
                resources.add(r);
                expected.put(r.id(), r); // the later one of an id counts
            }
            SortedMap<Integer, Resource> actual = InstanceContent.of(3, resources).resources();
            sameAs(expected, actual);
            sameAs(expected, new InstanceContent(3, expected).resources());
            int from = random.nextInt(32);
            int to = from + random.nextInt(32 - from);
            sameAs(expected.subMap(from, to), actual.subMap(from, to));
            sameAs(expected.headMap(to), actual.headMap(to));
            sameAs(expected.tailMap(from), actual.tailMap(from));
            assertNull(actual.get(31));
            assertNull(actual.get("5"));
        }
    }

    private static void sameAs(SortedMap<Integer, Resource> expected, SortedMap<Integer, Resource> actual) {
        assertEquals(expected, actual);
        assertEquals(actual, expected);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(expected.toString(), actual.toString());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(actual.values()));
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
        assertEquals(expected.size(), actual.size());
        if (expected.isEmpty()) {
            assertThrows(NoSuchElementException.class, actual::firstKey);
            assertThrows(NoSuchElementException.class, actual::lastKey);
        } else {
            assertEquals(expected.firstKey(), actual.firstKey());
            assertEquals(expected.lastKey(), actual.lastKey());
            for (Integer id : expected.keySet()) {
                assertSame(expected.get(id), actual.get(id));
                assertTrue(actual.containsKey(id));
                assertTrue(actual.keySet().contains(id));
            }
        }
    }

    @Test
    public void aMapInAnotherOrderIsSortedByIdAndCopied() {
        SortedMap<Integer, Resource> reversed = new TreeMap<>(Collections.reverseOrder());
        for (int id : new int[] { 1, 7, 3, 0 }) {
            reversed.put(id, Resource.of(id, Value.of(id * 10L)));
        }
        InstanceContent content = new InstanceContent(0, reversed);
        reversed.clear(); // the content keeps its own copy
        assertEquals(List.of(0, 1, 3, 7), new ArrayList<>(content.resources().keySet()));
        assertEquals(Value.of(70L), content.resources().get(7).value());
    }

    @Test
    public void theResourcesCannotBeChanged() {
        SortedMap<Integer, Resource> resources = InstanceContent.of(0, List.of(Resource.of(1, Value.of(1L)))).resources();
        Resource other = Resource.of(2, Value.of(2L));
        assertThrows(UnsupportedOperationException.class, () -> resources.put(2, other));
        assertThrows(UnsupportedOperationException.class, () -> resources.remove(1));
        assertThrows(UnsupportedOperationException.class, resources::clear);
        assertThrows(UnsupportedOperationException.class, () -> resources.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> resources.keySet().remove(1));
        Iterator<Map.Entry<Integer, Resource>> entries = resources.entrySet().iterator();
        Map.Entry<Integer, Resource> first = entries.next();
        assertThrows(UnsupportedOperationException.class, entries::remove);
        assertThrows(UnsupportedOperationException.class, () -> first.setValue(other));
        assertThrows(IllegalArgumentException.class, () -> resources.subMap(5, 2));
    }
}
