/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;

public class GatewayPrefixesTest {

    @Test
    public void aNameBecomesItsPrefixMadeSafeForAPathSegment() {
        assertEquals("meter-1", GatewayPrefixes.sanitized("Meter 1"));
        assertEquals("dlms-meter_a", GatewayPrefixes.sanitized("dlms:meter_a"));
        assertEquals("m", GatewayPrefixes.sanitized("42-m!"));
        assertEquals("", GatewayPrefixes.sanitized("12345"));
        assertEquals(32, GatewayPrefixes.sanitized("a".repeat(100)).length());
    }

    @Test
    public void numericReservedAndTakenPrefixesGiveDevN() {
        GatewayPrefixes prefixes = new GatewayPrefixes();
        assertEquals("meter", prefixes.assign("meter"));
        assertEquals("dev1", prefixes.assign("Meter")); // sanitized "meter" is taken
        assertEquals("dev2", prefixes.assign("4711"));
        assertEquals("dev3", prefixes.assign("bs")); // Bootstrap-Finish is POST /bs on the gateway
        assertEquals("meter", prefixes.assign("meter")); // stable while the device stays
    }

    @Test
    public void theFirstSegmentRoutesToTheDeviceOfThatPrefix() {
        GatewayPrefixes prefixes = new GatewayPrefixes();
        prefixes.assign("Meter A");
        prefixes.assign("plc/line-2");
        assertEquals("Meter A", prefixes.deviceOf("meter-a").orElseThrow());
        assertEquals("plc/line-2", prefixes.deviceOf("plc-line-2").orElseThrow());
        assertTrue(prefixes.deviceOf("3").isEmpty());
        assertTrue(prefixes.deviceOf("unknown").isEmpty());
    }

    @Test
    public void aReleasedPrefixIsFreeAgainAndRoutesNowhere() {
        GatewayPrefixes prefixes = new GatewayPrefixes();
        prefixes.assign("1");
        assertEquals("dev1", prefixes.release("1").orElseThrow());
        assertTrue(prefixes.deviceOf("dev1").isEmpty());
        assertEquals("dev1", prefixes.assign("2"));
        assertNotEquals("dev1", prefixes.assign("3"));
    }

    @Test
    public void iotDeviceObjectsListTheDeviceInstancesUnderItsPrefix() {
        Map<Integer, EndpointTree.ObjectNode> objects = new TreeMap<>();
        objects.put(2, node(2, 0)); // the gateway's business, not listed
        objects.put(3, node(3, 0));
        objects.put(3303, node(3303, 0, 1));
        objects.put(3304, node(3304));
        EndpointTree tree = new EndpointTree(EndpointDescriptor.of("meter"), new TreeMap<>(objects));
        assertEquals("</dev1/3/0>,</dev1/3303/0>,</dev1/3303/1>,</dev1/3304>", GatewayPrefixes.deviceObjects("dev1", tree));
    }

    private static EndpointTree.ObjectNode node(int objectId, int... instances) {
        Map<Integer, SortedSet<Integer>> map = new TreeMap<>();
        for (int i : instances) {
            map.put(i, new TreeSet<>(List.of(0)));
        }
        return EndpointTree.ObjectNode.of(ObjectModel.of(objectId, "o" + objectId, "1.0", true, false, List.of()), map, "test");
    }
}
