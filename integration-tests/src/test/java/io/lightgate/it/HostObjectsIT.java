/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The exported gateway.jar as a process, its own endpoint read by a real Leshan server: objects
 * 3, 4 and 7 tell what the host and the engine really have, compared here with what this JVM
 * sees of the same host (its interfaces, the data folder's file store).
 */
public class HostObjectsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ENDPOINT = "host-objects";

    private static Path workDir;
    private static TestLeshanServer leshan;
    private static GatewayProcess gateway;

    @BeforeClass
    public static void startGateway() throws Exception {
        workDir = Files.createDirectories(Path.of("target", "it", "host-objects")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
        leshan = TestLeshanServer.start("host-objects");
        gateway = GatewayProcess.start(workDir, "-Dlightgate.endpoint=" + ENDPOINT, "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(ENDPOINT, WAIT);
        // the objects may come while the gateway registers: then an Update brings them
        assertTrue("objects 3, 4 and 7 registered: " + leshan.events(ENDPOINT), GatewayTestSupport.holdsWithin(WAIT,
                () -> TestLeshanServer.objectIds(List.of(leshan.registration(ENDPOINT).getObjectLinks())).containsAll(Set.of(3, 4, 7))));
    }

    @AfterClass
    public static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (leshan != null) {
            leshan.close();
        }
    }

    private static LwM2mObjectInstance read(int objectId) throws InterruptedException {
        ReadResponse response = leshan.send(ENDPOINT, new ReadRequest(ContentFormat.SENML_JSON, objectId, 0), WAIT);
        assertTrue("read /" + objectId + "/0: " + response, response.isSuccess());
        return (LwM2mObjectInstance) response.getContent();
    }

    private static void execute(String path) throws InterruptedException {
        var response = leshan.send(ENDPOINT, new ExecuteRequest(path), WAIT);
        assertTrue("execute " + path + ": " + response, response.isSuccess());
    }

    private static List<String> strings(LwM2mResource r) {
        return new TreeMap<>(r.getInstances()).values().stream().map(i -> String.valueOf(i.getValue())).toList();
    }

    /** The figures of /7/0 (Tx kB, Rx kB, max message size, average message size). */
    private static List<Long> statistics() throws InterruptedException {
        LwM2mObjectInstance stats = read(7);
        List<Long> figures = new ArrayList<>();
        for (int id : new int[] { 2, 3, 4, 5 }) {
            figures.add((Long) stats.getResource(id).getValue());
        }
        return figures;
    }

    /** Some CoAP exchanges between Leshan and the gateway: reads of the whole Device object. */
    private static void exchanges(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            read(3);
        }
    }

    private static String text(InetAddress a) {
        String t = a.getHostAddress();
        int scope = t.indexOf('%');
        return a instanceof Inet6Address && scope > 0 ? t.substring(0, scope) : t;
    }

    @Test
    public void connectivityMonitoringHasTheHostsAddresses() throws Exception {
        List<String> hostAddresses = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (n.isUp()) {
                Collections.list(n.getInetAddresses()).forEach(a -> hostAddresses.add(text(a)));
            }
        }
        LwM2mObjectInstance monitoring = read(4);
        List<String> reported = strings(monitoring.getResource(4));
        assertTrue("4/0/4 " + reported + " has one of the host's addresses " + hostAddresses,
                reported.stream().anyMatch(hostAddresses::contains));
        assertEquals("4/0/4 is the host's up interfaces' addresses", Set.copyOf(hostAddresses), Set.copyOf(reported));
        boolean anyNonLoopback = reported.stream().anyMatch(a -> !a.startsWith("127.") && !a.equals("0:0:0:0:0:0:0:1"));
        if (anyNonLoopback) {
            assertFalse("non-loopback first: " + reported, reported.get(0).startsWith("127."));
        }
        // no Wi-Fi on the host (no interface in /proc/net/wireless): no signal strength is made up
        Path wireless = Path.of("/proc/net/wireless");
        boolean radios = Files.isReadable(wireless) && Files.readAllLines(wireless).size() > 2;
        if (!radios) {
            assertEquals("4/0/2 left out without a radio: " + monitoring, null, monitoring.getResource(2));
        }
        for (String router : strings(monitoring.getResource(5))) {
            assertNotNull(router, InetAddress.getByName(router));
        }
    }

    @Test
    public void connectivityStatisticsCountTheEnginesTrafficWithStartStopAndPeriod() throws Exception {
        List<Long> before = statistics();
        // 50 read requests of ~46 IP bytes each are more than a kB: Rx (in kB) must grow, Tx far more
        exchanges(50);
        List<Long> after = statistics();
        assertTrue("Tx grew over 50 reads of /3/0: " + before + " -> " + after, after.get(0) > before.get(0));
        assertTrue("Rx grew over 50 read requests: " + before + " -> " + after, after.get(1) > before.get(1));
        assertTrue("a largest message and an average: " + after, after.get(2) > 0 && after.get(3) > 0 && after.get(3) <= after.get(2));

        // Stop: the figures stay, whatever travels afterwards
        execute("/7/0/7");
        List<Long> stopped = statistics();
        exchanges(30);
        assertEquals("no counting after Stop", stopped, statistics());

        // Start: figures reset, counting again
        execute("/7/0/6");
        List<Long> restarted = statistics();
        assertTrue("Start reset Tx: " + stopped + " -> " + restarted, restarted.get(0) < stopped.get(0));
        exchanges(30);
        assertTrue("counting again after Start", statistics().get(0) > restarted.get(0));

        // a Collection Period of 2 s: the collection ends by itself
        WriteResponse period = leshan.send(ENDPOINT, new WriteRequest(7, 0, 8, 2L), WAIT);
        assertTrue(period.toString(), period.isSuccess());
        assertEquals(2L, read(7).getResource(8).getValue());
        long startedNanos = System.nanoTime();
        execute("/7/0/6");
        // real exchanges while the period runs out, with room for a slow Execute (bounded: at most 5000 reads, until 4 s passed)
        for (int i = 0; i < 5000 && System.nanoTime() - startedNanos < Duration.ofSeconds(4).toNanos(); i++) {
            exchanges(1);
        }
        assertTrue("the period of 2 s passed", System.nanoTime() - startedNanos >= Duration.ofSeconds(2).toNanos());
        List<Long> ended = statistics();
        assertTrue("counted during the period: " + ended, ended.get(0) > 0);
        exchanges(30);
        assertEquals("nothing counted after the period", ended, statistics());

        WriteResponse negative = leshan.send(ENDPOINT, new WriteRequest(7, 0, 8, -1L), WAIT);
        assertEquals(ResponseCode.BAD_REQUEST, negative.getCode());
        assertEquals(2L, read(7).getResource(8).getValue());
    }

    @Test
    public void deviceStorageIsTheDataFoldersFileStore() throws Exception {
        LwM2mObjectInstance device = read(3);
        long free = (Long) device.getResource(10).getValue();
        long total = (Long) device.getResource(21).getValue();
        FileStore store = Files.getFileStore(workDir.resolve("data"));
        assertEquals("3/0/21 is the data folder's file store in kB", store.getTotalSpace() / 1000, total);
        // other processes write on the same disk meanwhile: within 1 % of its size
        long usable = store.getUsableSpace() / 1000;
        assertTrue("3/0/10 " + free + " kB, the file store has " + usable + " kB usable", Math.abs(usable - free) <= total / 100);

        Map<Integer, ?> errors = device.getResource(11).getInstances();
        assertFalse(errors.isEmpty());
        for (var code : device.getResource(11).getInstances().values()) {
            long c = (Long) code.getValue();
            assertTrue("error code " + c, c >= 0 && c <= 32);
        }
        Path supplies = Path.of("/sys/class/power_supply");
        boolean reported;
        try (var list = Files.isDirectory(supplies) ? Files.list(supplies) : java.util.stream.Stream.<Path>empty()) {
            reported = list.findAny().isPresent();
        }
        if (!reported) {
            assertEquals("no power supply reported by the host: no 3/0/6", null, device.getResource(6));
            assertEquals("no battery: no 3/0/9", null, device.getResource(9));
        }
    }

    @Test
    public void aTimezoneWrittenIsReadBackWithItsOffset() throws Exception {
        WriteResponse zone = leshan.send(ENDPOINT, new WriteRequest(3, 0, 15, "Asia/Kolkata"), WAIT);
        assertTrue(zone.toString(), zone.isSuccess());
        LwM2mObjectInstance device = read(3);
        assertEquals("Asia/Kolkata", device.getResource(15).getValue());
        assertEquals("the offset follows the zone", "+05:30", device.getResource(14).getValue());

        WriteResponse wrong = leshan.send(ENDPOINT, new WriteRequest(3, 0, 15, "Mars/Olympus_Mons"), WAIT);
        assertEquals(ResponseCode.BAD_REQUEST, wrong.getCode());
        assertEquals("a refused zone changes nothing", "Asia/Kolkata", read(3).getResource(15).getValue());
    }
}
