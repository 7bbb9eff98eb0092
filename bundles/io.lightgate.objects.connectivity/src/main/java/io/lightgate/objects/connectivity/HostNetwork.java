/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the host's network as object 4 reports it: interfaces and addresses from
 * {@link NetworkInterface}, routes from /proc/net/route and /proc/net/ipv6_route, radios from
 * /proc/net/wireless, bearer types from /sys/class/net. A file that is missing or unreadable
 * (another OS, a sandbox) takes away only what it would have told.
 */
final class HostNetwork {

    /** An up interface and its addresses. */
    record Interface(String name, int index, boolean loopback, List<InetAddress> addresses) {
    }

    private final Path procNet;
    private final Path sysClassNet;
    private final Supplier<List<Interface>> interfaces;

    HostNetwork(Path procNet, Path sysClassNet, Supplier<List<Interface>> interfaces) {
        this.procNet = procNet;
        this.sysClassNet = sysClassNet;
        this.interfaces = interfaces;
    }

    /** The host's own network: /proc/net, /sys/class/net and the JVM's interfaces. */
    static HostNetwork ofHost() {
        return new HostNetwork(Path.of("/proc/net"), Path.of("/sys/class/net"), HostNetwork::upInterfaces);
    }

    /** What object 4 reports now. */
    NetworkSnapshot read() {
        List<Interface> up = new ArrayList<>(interfaces.get());
        // non-loopback first, then in the kernel's order
        up.sort(Comparator.comparing(Interface::loopback).thenComparingInt(Interface::index));
        Map<String, WirelessLinks.Link> radios = WirelessLinks.parse(read("wireless"));
        List<RouteTable.Route> routes = new ArrayList<>(RouteTable.parseIpv4(read("route")));
        routes.addAll(RouteTable.parseIpv6(read("ipv6_route")));
        Set<String> upNames = new LinkedHashSet<>();
        up.forEach(i -> upNames.add(i.name()));
        List<RouteTable.Route> defaults = RouteTable.defaultRoutes(routes).stream().filter(r -> upNames.contains(r.iface())).toList();

        Set<Integer> available = new LinkedHashSet<>();
        String bearerInterface = null;
        for (Interface i : up) {
            if (i.loopback()) {
                continue;
            }
            OptionalInt b = Bearers.of(i.name(), sysClassNet, radios.keySet());
            if (b.isPresent()) {
                available.add(b.getAsInt());
                if (bearerInterface == null) {
                    bearerInterface = i.name();
                }
            }
        }
        // the interface the default route leaves by carries the gateway's LwM2M traffic
        for (RouteTable.Route r : defaults) {
            if (Bearers.of(r.iface(), sysClassNet, radios.keySet()).isPresent()) {
                bearerInterface = r.iface();
                break;
            }
        }
        OptionalInt bearer = bearerInterface == null ? OptionalInt.empty() : Bearers.of(bearerInterface, sysClassNet, radios.keySet());
        Optional<WirelessLinks.Link> radio = bearer.isPresent() && bearer.getAsInt() == Bearers.WLAN
                ? Optional.ofNullable(radios.get(bearerInterface)) : Optional.empty();

        List<String> addresses = new ArrayList<>();
        for (Interface i : up) {
            i.addresses().stream().sorted(Comparator.comparingInt(HostNetwork::addressRank)).map(HostNetwork::text).forEach(addresses::add);
        }
        List<String> routers = defaults.stream().map(r -> text(r.gateway())).distinct().toList();
        return new NetworkSnapshot(bearer, List.copyOf(available), addresses, routers, radio);
    }

    /** IPv4 before global IPv6 before link-local IPv6. */
    private static int addressRank(InetAddress a) {
        if (a instanceof Inet4Address) {
            return 0;
        }
        return a.isLinkLocalAddress() ? 2 : 1;
    }

    /** The address as people write it: no host name, no IPv6 scope suffix. */
    static String text(InetAddress a) {
        String t = a.getHostAddress();
        int scope = t.indexOf('%');
        return a instanceof Inet6Address && scope > 0 ? t.substring(0, scope) : t;
    }

    private String read(String file) {
        try {
            return Files.readString(procNet.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The interfaces that are up, with their addresses, as the JVM sees them. */
    static List<Interface> upInterfaces() {
        List<Interface> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                try {
                    if (n.isUp()) {
                        out.add(new Interface(n.getName(), n.getIndex(), n.isLoopback(), Collections.list(n.getInetAddresses())));
                    }
                } catch (SocketException e) {
                    // the interface went away while we looked
                }
            }
        } catch (SocketException | NullPointerException e) {
            // no interface at all (getNetworkInterfaces may answer null)
        }
        return out;
    }
}
