/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ResourceTest {

    @Test
    public void singleResource() {
        Resource r = Resource.of(5700, Value.of(21.5));
        assertEquals(5700, r.id());
        assertEquals(ResourceType.FLOAT, r.type());
        assertFalse(r.isMultiple());
        assertEquals(Value.of(21.5), r.value());
        IllegalStateException e = assertThrows(IllegalStateException.class, r::instances);
        assertTrue(e.getMessage(), e.getMessage().contains("5700"));
        assertThrows(NullPointerException.class, () -> Resource.of(1, null));
    }

    @Test
    public void multipleResourceIsOrderedById() {
        Map<Integer, Value> values = new HashMap<>();
        values.put(10, Value.of("c"));
        values.put(2, Value.of("b"));
        values.put(0, Value.of("a"));
        Resource r = Resource.ofInstances(7, ResourceType.STRING, values);
        assertEquals(7, r.id());
        assertEquals(ResourceType.STRING, r.type());
        assertTrue(r.isMultiple());
        assertEquals(List.of(0, 2, 10), List.copyOf(r.instances().keySet()));
        assertEquals(Value.of("b"), r.instances().get(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::value);
        assertTrue(e.getMessage(), e.getMessage().contains("multi-instance"));
    }

    @Test
    public void emptyMultipleResource() {
        Resource r = Resource.ofInstances(7, ResourceType.INTEGER, Map.of());
        assertTrue(r.isMultiple());
        assertTrue(r.instances().isEmpty());
    }

    @Test
    public void typeMismatchInInstancesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resource.ofInstances(7, ResourceType.INTEGER, Map.of(0, Value.of(1L), 1, Value.of("x"))));
        assertTrue(e.getMessage(), e.getMessage().contains("resource 7 instance 1"));
        assertTrue(e.getMessage(), e.getMessage().contains("STRING"));
        assertTrue(e.getMessage(), e.getMessage().contains("INTEGER"));
        assertThrows(IllegalArgumentException.class,
                () -> Resource.ofInstances(7, ResourceType.INTEGER, Map.of(0, Value.ofUnsigned(1L))));
    }

    @Test
    public void instanceIdsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Resource.ofInstances(7, ResourceType.INTEGER, Map.of(65536, Value.of(1L))));
        assertThrows(IllegalArgumentException.class,
                () -> Resource.ofInstances(7, ResourceType.INTEGER, Map.of(-1, Value.of(1L))));
    }

    @Test
    public void isImmutable() {
        Map<Integer, Value> values = new HashMap<>();
        values.put(0, Value.of(1L));
        Resource r = Resource.ofInstances(7, ResourceType.INTEGER, values);
        values.put(1, Value.of(2L));
        values.put(0, Value.of(99L));
        assertEquals(Map.of(0, Value.of(1L)), r.instances());
        assertThrows(UnsupportedOperationException.class, () -> r.instances().put(3, Value.of(3L)));
        assertThrows(UnsupportedOperationException.class, () -> r.instances().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> r.instances().clear());
        assertEquals(1, r.instances().size());
    }

    @Test
    public void equality() {
        assertEquals(Resource.of(1, Value.of(1L)), Resource.of(1, Value.of(1L)));
        assertEquals(Resource.of(1, Value.of(1L)).hashCode(), Resource.of(1, Value.of(1L)).hashCode());
        assertNotEquals(Resource.of(1, Value.of(1L)), Resource.of(2, Value.of(1L)));
        assertNotEquals(Resource.of(1, Value.of(1L)),
                Resource.ofInstances(1, ResourceType.INTEGER, Map.of(0, Value.of(1L))));
        assertEquals(Resource.ofInstances(1, ResourceType.INTEGER, Map.of(0, Value.of(1L), 1, Value.of(2L))),
                Resource.ofInstances(1, ResourceType.INTEGER, Map.of(1, Value.of(2L), 0, Value.of(1L))));
    }

    @Test
    public void instanceContentOrdersResources() {
        InstanceContent c = InstanceContent.of(0, List.of(Resource.of(9, Value.of(1L)), Resource.of(1, Value.of("x"))));
        assertEquals(0, c.id());
        assertEquals(List.of(1, 9), List.copyOf(c.resources().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> c.resources().remove(1));
    }
}
