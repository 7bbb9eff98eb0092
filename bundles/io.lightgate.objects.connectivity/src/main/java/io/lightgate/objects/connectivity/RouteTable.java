/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's routing tables as Linux shows them in /proc/net/route (IPv4) and
 * /proc/net/ipv6_route (IPv6): what the Router IP Addresses of object 4 are read from. Only
 * routes that are up count; lines that do not parse are skipped, so a kernel that adds a column
 * does not take the routers away.
 */
final class RouteTable {

    /** RTF_UP: the route is usable. */
    static final int RTF_UP = 0x1;
    /** RTF_GATEWAY: the destination is reached through a router. */
    static final int RTF_GATEWAY = 0x2;

    /**
     * One route.
     *
     * @param iface the interface name
     * @param prefixLength the destination's prefix length (0: the default route)
     * @param gateway the next-hop router, null for a directly connected destination
     * @param metric the route's metric (lower wins)
     */
    record Route(String iface, int prefixLength, InetAddress gateway, int metric) {

        /** Whether this is a default route through a router. */
        boolean isDefault() {
            return prefixLength == 0 && gateway != null;
        }
    }

    private RouteTable() {
    }

    /**
     * The routes of /proc/net/route: a header line, then per route Iface, Destination, Gateway,
     * Flags, RefCnt, Use, Metric, Mask, ... with addresses in hex as the kernel stores them
     * (little-endian on the usual hosts: 010200C0 is 192.0.2.1).
     */
    static List<Route> parseIpv4(String text) {
        List<Route> routes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            try {
                int flags = Integer.parseInt(f[3], 16);
                if ((flags & RTF_UP) == 0) {
                    continue;
                }
                InetAddress gateway = (flags & RTF_GATEWAY) != 0 ? ipv4(f[2]) : null;
                int prefix = Integer.bitCount(Integer.parseUnsignedInt(f[7], 16));
                routes.add(new Route(f[0], prefix, gateway == null || gateway.isAnyLocalAddress() ? null : gateway, Integer.parseInt(f[6])));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // not a route line: skip it
            }
        }
        return routes;
    }

    /**
     * The routes of /proc/net/ipv6_route: per line destination, its prefix length (hex), source,
     * its prefix length, next hop, metric, reference count, use, flags (all hex) and the interface.
     */
    static List<Route> parseIpv6(String text) {
        List<Route> routes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32) {
                continue;
            }
            try {
                int flags = Integer.parseUnsignedInt(f[8], 16);
                if ((flags & RTF_UP) == 0) {
                    continue;
                }
                InetAddress nextHop = InetAddress.getByAddress(HexFormat.of().parseHex(f[4]));
                InetAddress gateway = (flags & RTF_GATEWAY) != 0 && !nextHop.isAnyLocalAddress() ? nextHop : null;
                routes.add(new Route(f[9], Integer.parseInt(f[1], 16), gateway, Integer.parseUnsignedInt(f[5], 16)));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // not a route line: skip it
            }
        }
        return routes;
    }

    /** The default routes' routers, best metric first, each router once. */
    static List<Route> defaultRoutes(List<Route> routes) {
        List<Route> out = new ArrayList<>();
        routes.stream().filter(Route::isDefault).sorted(java.util.Comparator.comparingInt(Route::metric))
                .filter(r -> out.stream().noneMatch(o -> o.gateway().equals(r.gateway()) && o.iface().equals(r.iface())))
                .forEach(out::add);
        return out;
    }

    // /proc/net/route prints the address as the host's int in %08X: on little-endian hosts the
    // first octet is the last pair of hex digits
    private static InetAddress ipv4(String hex) throws UnknownHostException {
        byte[] b = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        if (b.length != 4) {
            throw new NumberFormatException("not an IPv4 address: " + hex);
        }
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN) {
            b = new byte[] { b[3], b[2], b[1], b[0] };
        }
        return InetAddress.getByAddress(b);
    }
}
