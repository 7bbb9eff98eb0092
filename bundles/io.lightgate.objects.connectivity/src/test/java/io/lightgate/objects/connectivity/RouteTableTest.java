/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.Test;

public class RouteTableTest {

    @Test
    public void readsIpv4RoutesWithTheirRoutersAndPrefixes() throws Exception {
        List<RouteTable.Route> routes = RouteTable.parseIpv4(ProcNetSamples.ROUTE);
        // the header and the route that is not up (flags 0002) are not routes
        assertEquals(5, routes.size());
        assertEquals(new RouteTable.Route("wlp2s0", 0, InetAddress.getByName("198.51.100.1"), 600), routes.get(0));
        assertEquals(new RouteTable.Route("eth0", 0, InetAddress.getByName("192.0.2.254"), 100), routes.get(1));
        assertEquals(new RouteTable.Route("eth0", 24, null, 100), routes.get(2));
        assertEquals(16, routes.get(4).prefixLength());
        assertNull(routes.get(4).gateway());
    }

    @Test
    public void defaultRoutersComeBestMetricFirst() throws Exception {
        List<RouteTable.Route> defaults = RouteTable.defaultRoutes(RouteTable.parseIpv4(ProcNetSamples.ROUTE));
        assertEquals(List.of(InetAddress.getByName("192.0.2.254"), InetAddress.getByName("198.51.100.1")),
                defaults.stream().map(RouteTable.Route::gateway).toList());
        assertEquals(List.of("eth0", "wlp2s0"), defaults.stream().map(RouteTable.Route::iface).toList());
    }

    @Test
    public void readsIpv6RoutesAndSkipsTheUnreachableDefaultOfLoopback() throws Exception {
        List<RouteTable.Route> routes = RouteTable.parseIpv6(ProcNetSamples.IPV6_ROUTE);
        assertEquals(2, routes.size());
        assertEquals(new RouteTable.Route("eth0", 64, null, 256), routes.get(0));
        assertEquals(new RouteTable.Route("eth0", 0, InetAddress.getByName("fe80::1"), 1024), routes.get(1));
        assertTrue(routes.get(1).isDefault());
    }

    @Test
    public void linesThatAreNoRoutesAreSkipped() {
        assertEquals(List.of(), RouteTable.parseIpv4(""));
        assertEquals(List.of(), RouteTable.parseIpv4("Iface\tDestination\tGateway\n garbage line\neth0\tXYZ\t00\t0003\t0\t0\t0\t00000000\n"));
        assertEquals(List.of(), RouteTable.parseIpv6("not a route\n" + "zz".repeat(16) + " 00 x x x x x x x eth0\n"));
        // a kernel that adds a column still gives its routes
        assertEquals(1, RouteTable.parseIpv4("eth0\t00000000\tFE0200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\textra\n").size());
    }
}
