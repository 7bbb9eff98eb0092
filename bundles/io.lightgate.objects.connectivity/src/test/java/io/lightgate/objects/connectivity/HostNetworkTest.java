/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link HostNetwork} on a laptop's /proc/net and /sys/class/net written to a folder, with its interfaces as the JVM lists them. */
public class HostNetworkTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path procNet;
    private Path sysClassNet;
    private final AtomicReference<List<HostNetwork.Interface>> up = new AtomicReference<>();
    private HostNetwork network;

    static HostNetwork.Interface iface(String name, int index, boolean loopback, String... addresses) throws IOException {
        List<InetAddress> a = new java.util.ArrayList<>();
        for (String s : addresses) {
            a.add(InetAddress.getByName(s));
        }
        return new HostNetwork.Interface(name, index, loopback, a);
    }

    static void sysfs(Path sysClassNet, String name, int arpType, boolean wireless) throws IOException {
        Path dir = Files.createDirectories(sysClassNet.resolve(name));
        Files.writeString(dir.resolve("type"), arpType + "\n");
        if (wireless) {
            Files.createDirectories(dir.resolve("wireless"));
        }
    }

    @Before
    public void setUp() throws IOException {
        procNet = folder.newFolder("proc", "net").toPath();
        sysClassNet = folder.newFolder("sys", "class", "net").toPath();
        Files.writeString(procNet.resolve("route"), ProcNetSamples.ROUTE);
        Files.writeString(procNet.resolve("ipv6_route"), ProcNetSamples.IPV6_ROUTE);
        Files.writeString(procNet.resolve("wireless"), ProcNetSamples.WIRELESS);
        sysfs(sysClassNet, "lo", 772, false);
        sysfs(sysClassNet, "eth0", 1, false);
        sysfs(sysClassNet, "wlp2s0", 1, true);
        sysfs(sysClassNet, "tun0", 65534, false);
        network = new HostNetwork(procNet, sysClassNet, up::get);
    }

    @Test
    public void onEthernetAndWifiTheDefaultRouteTellsTheBearer() throws IOException {
        up.set(List.of(iface("lo", 1, true, "127.0.0.1", "::1"),
                iface("wlp2s0", 3, false, "198.51.100.23"),
                iface("eth0", 2, false, "fe80::10", "2001:db8:1::10", "192.0.2.10"),
                iface("tun0", 4, false, "203.0.113.5")));
        NetworkSnapshot s = network.read();
        assertEquals("eth0 has the default route of the best metric", OptionalInt.of(Bearers.ETHERNET), s.bearer());
        assertEquals(List.of(Bearers.ETHERNET, Bearers.WLAN), s.availableBearers());
        assertEquals(List.of("192.0.2.10", "2001:db8:1:0:0:0:0:10", "fe80:0:0:0:0:0:0:10", "198.51.100.23", "203.0.113.5",
                "127.0.0.1", "0:0:0:0:0:0:0:1"), s.ipAddresses());
        assertEquals(List.of("192.0.2.254", "198.51.100.1", "fe80:0:0:0:0:0:0:1"), s.routers());
        assertEquals("Ethernet has no radio to report", OptionalInt.empty(), s.signalDbm());
        assertEquals(new NetworkSnapshot.Shape(true, false, false), s.shape());
    }

    @Test
    public void onWifiAloneTheRadioIsReported() throws IOException {
        up.set(List.of(iface("lo", 1, true, "127.0.0.1"), iface("wlp2s0", 3, false, "198.51.100.23")));
        NetworkSnapshot s = network.read();
        assertEquals(OptionalInt.of(Bearers.WLAN), s.bearer());
        assertEquals(List.of(Bearers.WLAN), s.availableBearers());
        assertEquals(OptionalInt.of(-56), s.signalDbm());
        assertEquals(OptionalInt.of(54), s.linkQuality());
        assertEquals("only the routers of interfaces that are up", List.of("198.51.100.1"), s.routers());
    }

    @Test
    public void withoutProcFilesOrAKnownInterfaceNothingIsMadeUp() throws IOException {
        HostNetwork bare = new HostNetwork(folder.newFolder("empty").toPath(), folder.newFolder("nosys").toPath(),
                () -> List.of(new HostNetwork.Interface("lo", 1, true, List.of(InetAddress.getLoopbackAddress()))));
        NetworkSnapshot s = bare.read();
        assertFalse(s.bearer().isPresent());
        assertEquals(List.of(), s.availableBearers());
        assertEquals(List.of("127.0.0.1"), s.ipAddresses());
        assertEquals(List.of(), s.routers());
        assertEquals(new NetworkSnapshot.Shape(false, false, false), s.shape());
    }

    @Test
    public void bearersFollowTheKernelsHardwareType() throws IOException {
        sysfs(sysClassNet, "bnep0", 1, false);
        sysfs(sysClassNet, "wpan0", 804, false);
        sysfs(sysClassNet, "wwan0", 519, false);
        assertEquals(OptionalInt.of(Bearers.ETHERNET), Bearers.of("eth0", sysClassNet, Set.of()));
        assertEquals(OptionalInt.of(Bearers.WLAN), Bearers.of("wlp2s0", sysClassNet, Set.of()));
        assertEquals("listed in /proc/net/wireless", OptionalInt.of(Bearers.WLAN), Bearers.of("eth0", sysClassNet, Set.of("eth0")));
        assertEquals(OptionalInt.of(Bearers.BLUETOOTH), Bearers.of("bnep0", sysClassNet, Set.of()));
        assertEquals(OptionalInt.of(Bearers.IEEE_802_15_4), Bearers.of("wpan0", sysClassNet, Set.of()));
        assertTrue("a modem whose radio generation is unknown", Bearers.of("wwan0", sysClassNet, Set.of()).isEmpty());
        assertTrue("no sysfs entry", Bearers.of("nothere", sysClassNet, Set.of()).isEmpty());
    }

    @Test
    public void theRealHostsAddressesAreThoseOfItsUpInterfaces() throws Exception {
        NetworkSnapshot s = HostNetwork.ofHost().read();
        List<String> expected = new java.util.ArrayList<>();
        for (java.net.NetworkInterface n : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp()) {
                java.util.Collections.list(n.getInetAddresses()).forEach(a -> expected.add(HostNetwork.text(a)));
            }
        }
        assertEquals(Set.copyOf(expected), Set.copyOf(s.ipAddresses()));
        boolean anyNonLoopback = s.ipAddresses().stream().anyMatch(a -> !a.startsWith("127.") && !a.equals("0:0:0:0:0:0:0:1"));
        if (anyNonLoopback) {
            String first = s.ipAddresses().get(0);
            assertFalse("non-loopback first: " + s.ipAddresses(), first.startsWith("127.") || first.equals("0:0:0:0:0:0:0:1"));
        }
    }
}
