/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The exported gateway.jar run as a user (or systemd) runs it: a separate JVM in its own
 * working directory, stdin closed, driven only through its folders and signals.
 */
public class GatewayJarIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Path workDir;
    private GatewayProcess gateway;

    @Before
    public void setUp() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "it", "gateway-jar")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
    }

    @After
    public void tearDown() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(String... systemProperties) throws IOException {
        gateway = GatewayProcess.start(workDir, systemProperties);
    }

    private String awaitLine(String fragment) throws InterruptedException {
        return gateway.awaitLine(fragment, WAIT);
    }

    @Test
    public void registersWithAnLwM2mServerGivenOnTheCommandLine() throws Exception {
        try (TestLeshanServer leshan = TestLeshanServer.start("jar")) {
            start("-Dlightgate.endpoint=jar-lwm2m", "-Dlightgate.server.uri=" + leshan.uri());
            leshan.awaitRegistration("jar-lwm2m", WAIT);
            var read = leshan.send("jar-lwm2m", new org.eclipse.leshan.core.request.ReadRequest(
                    org.eclipse.leshan.core.request.ContentFormat.SENML_JSON, 3, 0), WAIT);
            assertTrue(read.toString(), read.isSuccess());
            assertEquals("Lightgate", ((org.eclipse.leshan.core.node.LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
            var temperature = leshan.send("jar-lwm2m", new org.eclipse.leshan.core.request.ReadRequest(3303, 0, 5700), WAIT);
            assertTrue(temperature.toString(), temperature.isSuccess());
            assertTrue(gateway.stop(WAIT));
            leshan.awaitDeregistration("jar-lwm2m", WAIT);
        }
    }

    @Test
    public void bootstrapsFromNothingAndAfterKillMinus9RegistersAgainWithoutBootstrapping() throws Exception {
        try (TestLeshanServer leshan = TestLeshanServer.start("jar-bs"); TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            bootstrap.put("jar-bs", TestBootstrapServer.account(bootstrap.uri(), leshan.uri(), 3, 3));
            start("-Dlightgate.endpoint=jar-bs", "-Dlightgate.bootstrap.uri=" + bootstrap.uri());
            Registration first = leshan.awaitRegistration("jar-bs", WAIT);
            awaitLine("'jar-bs' registered with"); // logged once the location is stored
            assertEquals(bootstrap.events().toString(), 1, bootstrap.requests("jar-bs"));
            Path store = workDir.resolve("data/lwm2m/state/client-state.mv.db");
            assertTrue(Files.isRegularFile(store));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));

            gateway.kill();
            leshan.clear();
            start("-Dlightgate.endpoint=jar-bs", "-Dlightgate.bootstrap.uri=" + bootstrap.uri());
            assertResumed(leshan, "jar-bs", first);
            assertEquals("no Bootstrap-Request after kill -9 and restart: " + bootstrap.events(), 1, bootstrap.requests("jar-bs"));
        }
    }

    /**
     * A server given with -Dlightgate.server.uri (not provisioned): after kill -9 the gateway
     * renews its registration with an Update (the server keeps the registration id); when the
     * server has forgotten it, and after a clean stop (which de-registers), it registers afresh.
     */
    @Test
    public void afterKillMinus9TheRegistrationIsRenewedAndAfterACleanStopTheGatewayRegistersAfresh() throws Exception {
        try (TestLeshanServer leshan = TestLeshanServer.start("jar-resume")) {
            String[] properties = { "-Dlightgate.endpoint=jar-resume", "-Dlightgate.server.uri=" + leshan.uri() };
            start(properties);
            Registration first = leshan.awaitRegistration("jar-resume", WAIT);
            awaitLine("'jar-resume' registered with");

            gateway.kill();
            leshan.clear();
            start(properties);
            assertResumed(leshan, "jar-resume", first);

            // the server forgot the registration meanwhile (as a server restarted without its store would):
            // the Update gets 4.04 and the gateway registers afresh
            gateway.kill();
            leshan.server().getRegistrationStore().removeRegistration(first.getId());
            leshan.clear();
            start(properties);
            Registration second = leshan.awaitRegistration("jar-resume", WAIT);
            assertNotEquals(first.getId(), second.getId());
            assertTrue(awaitLine("no longer usable"), awaitLine("no longer usable").contains("4.04"));

            assertTrue(gateway.stop(WAIT));
            leshan.awaitDeregistration("jar-resume", WAIT);
            leshan.clear();
            start(properties);
            Registration fresh = leshan.awaitRegistration("jar-resume", WAIT);
            assertNotEquals("a new registration after a clean stop", second.getId(), fresh.getId());
            assertTrue("no Update to the de-registered location: " + leshan.events("jar-resume"),
                    leshan.events("jar-resume").stream().noneMatch(e -> e.kind() == TestLeshanServer.Kind.UPDATED && e.registration().getId().equals(second.getId())));
            assertTrue(gateway.stop(WAIT));
        }
    }

    /**
     * What the issue promises a server that observed before a crash: after a kill -9 the restarted
     * gateway notifies on the same observation (no second Observe); after a kill -9 in the middle of
     * an outage, the values read before the kill and after the restart arrive (as Send, in order),
     * and then the same observation notifies live again. /3/0/13 (Current Time) changes every second.
     */
    @Test
    public void afterKillMinus9TheServersObservationGoesOnAndWhatChangedDuringAnOutageArrives() throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // the server is stopped and started again where the gateway knows it
        }
        try (TestLeshanServer leshan = TestLeshanServer.builder().name("jar-observe").coapPort(port).start()) {
            String endpoint = "jar-observe";
            String[] properties = { "-Dlightgate.endpoint=" + endpoint, "-Dlightgate.server.uri=" + leshan.uri() };
            start(properties);
            Registration first = leshan.awaitRegistration(endpoint, WAIT);
            var observe = leshan.send(endpoint, new org.eclipse.leshan.core.request.ObserveRequest(ContentFormat.TEXT, 3, 0, 13), WAIT);
            assertTrue(observe.toString(), observe.isSuccess());
            leshan.awaitNotifications(endpoint, "/3/0/13", 2, WAIT);

            gateway.kill();
            java.time.Instant killed = java.time.Instant.now();
            int notifiedBeforeKill = observeNumbers(leshan, endpoint).size();
            start(properties);
            assertTrue("notifications of the restarted gateway on the observation of before: " + leshan.notifications(endpoint, "/3/0/13"),
                    GatewayTestSupport.holdsWithin(WAIT, () -> currentTimes(leshan, endpoint).stream().anyMatch(t -> t.isAfter(killed.plusSeconds(1)))));
            // RFC 7641 §3.4: a server (or a proxy) that orders notifications takes the restarted gateway's for newer
            List<Integer> numbers = observeNumbers(leshan, endpoint);
            int lastBefore = numbers.get(notifiedBeforeKill - 1);
            int firstAfter = numbers.get(notifiedBeforeKill);
            assertTrue("Observe " + firstAfter + " after the restart is newer than " + lastBefore + " before it: " + numbers,
                    (lastBefore < firstAfter && firstAfter - lastBefore < (1 << 23)) || (lastBefore > firstAfter && lastBefore - firstAfter > (1 << 23)));
            assertTrue(awaitLine("observation(s)"), awaitLine("observation(s)").contains("1 of 1"));
            assertEquals("the registration of before, renewed", first.getId(), leshan.registration(endpoint).getId());

            // an outage, and a kill -9 in its middle
            leshan.server().stop();
            awaitLine("is unreachable");
            java.time.Instant down = java.time.Instant.now();
            gateway.kill();
            java.time.Instant killedAgain = java.time.Instant.now();
            start(properties);
            awaitLine("1 of 1 observation(s)");
            awaitLine("Update no answer"); // the outage went on after the restart: values were read and stored meanwhile
            java.time.Instant up = java.time.Instant.now();
            leshan.server().start();
            assertTrue("live notifications on the same observation once the server is back",
                    GatewayTestSupport.holdsWithin(WAIT, () -> currentTimes(leshan, endpoint).stream().anyMatch(t -> t.isAfter(up.plusSeconds(1)))));
            List<java.time.Instant> forwarded = leshan.sent(endpoint).stream()
                    .flatMap(nodes -> nodes.getTimestamps().stream()).sorted().toList();
            assertTrue("values read during the outage before the kill were forwarded: " + forwarded,
                    forwarded.stream().anyMatch(t -> t.isAfter(down.minusSeconds(5)) && t.isBefore(killedAgain)));
            assertTrue("values read during the outage after the restart were forwarded: " + forwarded,
                    forwarded.stream().anyMatch(t -> t.isAfter(killedAgain) && t.isBefore(up)));
            List<java.time.Instant> sentOrder = leshan.sent(endpoint).stream().flatMap(nodes -> nodes.getTimestamps().stream()).toList();
            assertEquals("forwarded oldest first", forwarded, sentOrder);
            assertTrue("one registration throughout: " + leshan.events(endpoint), leshan.events(endpoint).stream()
                    .filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count() == 1);
            assertTrue(gateway.stop(WAIT));
        }
    }

    /**
     * A DLMS meter (the simulator) behind the gateway's registration (object 25): after a kill -9 the server's
     * observation of /meter-sim/10242/0/4 goes on without a new Observe, as the gateway's own do. Then the meter's
     * configuration goes while the gateway is down: after the next restart what it kept in data/ is cleared once it
     * has not come back within gateway.device.wait.ms, with a log line.
     */
    @Test
    public void afterKillMinus9TheObservationOfADeviceBehindTheGatewayGoesOnAndAGoneDeviceIsCleared() throws Exception {
        int meterPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            meterPort = s.getLocalPort();
        }
        Path etc = Files.createDirectories(workDir.resolve("etc"));
        Files.writeString(etc.resolve("io.lightgate.simulator.dlms-sim.cfg"),
                "port = " + meterPort + "\nbind = 127.0.0.1\ntransport = wrapper\nserial = JAR-0001\n");
        Path meter = etc.resolve("io.lightgate.adapter.dlms.meter-sim.cfg");
        Files.writeString(meter, "host = 127.0.0.1\nport = " + meterPort + "\ntransport = wrapper\npolling.interval = 1\n"
                + "exposure = gateway\nendpoint = meter-sim\n");
        Files.writeString(etc.resolve("io.lightgate.lwm2m.cfg"), "gateway.device.wait.ms = 3000\n");
        List<ObjectModel> models = new java.util.ArrayList<>();
        try (var in = GatewayJarIT.class.getResourceAsStream("/ddf/10242.xml")) {
            models.addAll(ObjectLoader.loadDdfFile(in, "10242.xml", false));
        }
        try (TestLeshanServer leshan = TestLeshanServer.builder().name("jar-behind").models(models).start()) {
            String endpoint = "jar-behind";
            String[] properties = { "-Dlightgate.endpoint=" + endpoint, "-Dlightgate.server.uri=" + leshan.uri() };
            start(properties);
            Registration first = leshan.awaitRegistration(endpoint, WAIT);
            leshan.awaitUpdate(endpoint, TestLeshanServer.hasInstance(25, 0), WAIT);
            String prefix = RawCoap.text(leshan, endpoint, "25/0/1", WAIT);
            String voltage = prefix + "/10242/0/4";
            assertTrue("the meter answers through the prefix", GatewayTestSupport.holdsWithin(WAIT, () -> {
                try {
                    return RawCoap.send(leshan, endpoint, org.eclipse.californium.core.coap.CoAP.Code.GET, voltage, 0, null, WAIT).getCode()
                            == org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT;
                } catch (Exception e) {
                    return false;
                }
            }));
            var observe = RawCoap.send(leshan, endpoint, org.eclipse.californium.core.coap.CoAP.Code.GET, voltage, 0,
                    new org.eclipse.leshan.core.request.ObserveRequest(ContentFormat.TEXT, 10242, 0, 4), WAIT);
            assertEquals(observe.toString(), org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT, observe.getCode());
            leshan.awaitNotifications(endpoint, "/10242/0/4", 2, WAIT);

            gateway.kill();
            java.time.Instant killed = java.time.Instant.now();
            start(properties);
            assertTrue(awaitLine("'meter-sim': 1 of 1 observation(s)"), awaitLine("'meter-sim': 1 of 1 observation(s)").contains("are back"));
            assertTrue("notifications of the restarted gateway on the meter's observation of before: "
                    + leshan.notifications(endpoint, "/10242/0/4"), GatewayTestSupport.holdsWithin(WAIT, () -> leshan
                            .notifications(endpoint, "/10242/0/4").stream().anyMatch(n -> n.at().isAfter(killed.plusSeconds(2)))));
            assertEquals("the registration of before, renewed", first.getId(), leshan.registration(endpoint).getId());
            assertTrue("one registration throughout: " + leshan.events(endpoint), leshan.events(endpoint).stream()
                    .filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count() == 1);

            // the meter is removed while the gateway is down: what it kept goes, once it has not come back
            gateway.kill();
            Files.delete(meter);
            start(properties);
            String cleared = awaitLine("by device 'meter-sim' are cleared");
            assertTrue(cleared, cleared.contains("1 observation(s)") && cleared.contains("has not come back"));
            assertTrue(gateway.stop(WAIT));
        }
    }

    /** The Observe option of each notification of /3/0/13, in arrival order. */
    private static List<Integer> observeNumbers(TestLeshanServer leshan, String endpoint) {
        return leshan.notifications(endpoint, "/3/0/13").stream()
                .map(n -> ((org.eclipse.californium.core.coap.Response) ((org.eclipse.leshan.core.response.ObserveResponse) n.response())
                        .getCoapResponse()).getOptions().getObserve())
                .toList();
    }

    /** The Current Time values the server received as notifications. */
    private static List<java.time.Instant> currentTimes(TestLeshanServer leshan, String endpoint) {
        return leshan.notifications(endpoint, "/3/0/13").stream().map(n -> ((java.util.Date) n.value()).toInstant()).toList();
    }

    /** The restarted gateway renewed {@code before} with an Update, registered nothing new, and answers at its new address. */
    private void assertResumed(TestLeshanServer leshan, String endpoint, Registration before) throws InterruptedException {
        TestLeshanServer.RegistrationEvent updated = leshan.awaitEvent(endpoint, TestLeshanServer.Kind.UPDATED, e -> true, WAIT);
        assertEquals("the Update renews the registration of before the kill", before.getId(), updated.registration().getId());
        assertTrue("its object links came with it: " + updated, updated.objectIds().contains(3));
        var read = leshan.send(endpoint, new ReadRequest(ContentFormat.SENML_JSON, 3, 0), WAIT); // reaches the new process
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
        assertTrue("no new registration: " + leshan.events(endpoint),
                leshan.events(endpoint).stream().noneMatch(e -> e.kind() == TestLeshanServer.Kind.REGISTERED));
        assertEquals(before.getId(), leshan.registration(endpoint).getId());
    }

    @Test
    public void runsAsAServiceHotDeploysReadsEtcAndStopsCleanlyOnSigterm() throws Exception {
        long started = System.nanoTime();
        start("-Dlightgate.endpoint=jar-it");
        awaitLine("Object 3 (Device");
        System.out.printf("gateway.jar: Device object registered %d ms after the JVM was started%n",
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(awaitLine("the gateway's endpoint is").contains("'jar-it'"));
        for (String folder : List.of("etc", "load", "data")) {
            assertTrue(folder + "/ created in the working directory", Files.isDirectory(workDir.resolve(folder)));
        }
        assertFalse("SLF4J found its backend (no NOP logger)", String.join("\n", gateway.lines()).contains("NOP"));
        assertTrue("framework cache under data/", Files.isDirectory(workDir.resolve("data/cache")));
        // plain java -jar: the same process restarted on a small gateway's JVM settings, as bin/lightgate starts it
        assertTrue(awaitLine("JVM settings of a small gateway, chosen at the start").contains("-XX:+UseSerialGC"));
        String commandLine = Files.readString(Path.of("/proc", Long.toString(gateway.pid()), "cmdline")).replace('\0', ' ');
        assertTrue(commandLine, commandLine.contains("-XX:+UseSerialGC -Xms20m -Xmx256m") && commandLine.contains("-Dlightgate.endpoint=jar-it -jar"));
        String flags = gateway.jcmd("VM.flags");
        assertTrue(flags, flags.contains("-XX:+UseSerialGC") && flags.contains("-XX:TieredStopAtLevel=1") && !flags.contains("UseG1GC"));
        // the jar's manifest lets the native heap trim run without the platform MBean server (resident for good once created)
        awaitLine("Memory freed during the start returned to the system");
        String mbeanServer = gateway.jcmd("VM.class_hierarchy com.sun.jmx.mbeanserver.JmxMBeanServer");
        assertTrue(mbeanServer, mbeanServer.contains("Command executed successfully") && !mbeanServer.contains("JmxMBeanServer"));

        // drop-in bundle (the gateway already runs the sample objects, so drop a model bundle)
        Path part = workDir.resolve("models.part");
        try (var in = TestBundles.bundle("test.dropin.models", java.util.Map.of("LwM2M-Models", "models"),
                java.util.Map.of("models/3304.xml", TestBundles.resource("/ddf/3304.xml")))) {
            Files.copy(in, part);
        }
        Files.move(part, workDir.resolve("load/models.jar"), StandardCopyOption.ATOMIC_MOVE);
        assertTrue(awaitLine("from bundle test.dropin.models").contains("[3304 v1.1]"));
        Files.delete(workDir.resolve("load/models.jar"));
        awaitLine("Models of bundle test.dropin.models");

        // configuration from etc/ reaches the components through ConfigAdmin
        Files.writeString(workDir.resolve("etc/io.lightgate.registry.cfg"), "gateway.lifetime = 120\n");
        awaitLine("lifetime 120 s");

        // SIGTERM: components deactivate, the JVM exits
        assertTrue("exited within " + WAIT.toSeconds() + " s after SIGTERM", gateway.stop(WAIT));
        String all = String.join("\n", gateway.lines());
        assertTrue(all, all.contains("Shutdown requested"));
        assertTrue(all, all.contains("Object registry stopped"));
        assertTrue(all, all.contains("Gateway stopped."));
        assertTrue("exit status after SIGTERM: " + gateway.exitValue(), gateway.exitValue() == 143 || gateway.exitValue() == 0);
    }

    /**
     * The demo as a user stops it: every endpoint (the gateway's own, the DLMS meter's, the OPC UA
     * shop floor's) de-registers from the local LwM2M server in the same gateway, which is still
     * there to answer, since the endpoints de-register as soon as the framework begins to stop.
     */
    @Test
    public void theDemoStopsWithEveryEndpointDeRegisteredFromItsLocalServer() throws Exception {
        new DemoFolder().copyTo(workDir.resolve("etc-demo"));
        start("-Dlightgate.etc=etc-demo", "-Dlightgate.endpoint=jar-demo");
        for (String endpoint : List.of("jar-demo", "meter-demo", "shopfloor")) {
            awaitLine("Endpoint '" + endpoint + "' registered with local");
        }

        assertTrue(gateway.stop(WAIT));
        String all = String.join("\n", gateway.lines());
        for (String endpoint : List.of("jar-demo", "meter-demo", "shopfloor")) {
            assertTrue(endpoint + ":\n" + all, all.contains("Endpoint '" + endpoint + "' de-registered from local"));
        }
        assertFalse("no De-register waited for its timeout:\n" + all, all.contains("got no answer"));
        assertFalse("no server taken for unreachable at the stop:\n" + all, all.contains("is unreachable"));
        assertTrue(all.indexOf("de-registered from local") < all.indexOf("Local LwM2M server stopped"));
    }

    /**
     * A JVM option of the user's own keeps the JVM as started (here G1, the JVM's choice on this
     * machine, with the user's heap limit); the gateway's code is still compiled by C1 only.
     */
    @Test
    public void aJvmOptionOfTheUsersKeepsTheJvmAsStartedAndItsCodeOnC1() throws Exception {
        start("-Xmx300m", "-Dlightgate.endpoint=jar-own-jvm");
        assertTrue(awaitLine("JVM settings as started").contains("the command line sets JVM options of its own (-Xmx300m)"));
        awaitLine("compiled by C1 only");
        String directives = gateway.jcmd("Compiler.directives_print");
        assertTrue(directives, directives.contains("matching: *.*") && directives.contains("Enable:true Exclude:true"));
        String flags = gateway.jcmd("VM.flags");
        assertTrue(flags, flags.contains("-XX:MaxHeapSize=314572800") && !flags.contains("UseSerialGC"));
        String mbeanServer = gateway.jcmd("VM.class_hierarchy com.sun.jmx.mbeanserver.JmxMBeanServer");
        assertTrue(mbeanServer, mbeanServer.contains("Command executed successfully") && !mbeanServer.contains("JmxMBeanServer"));
        assertTrue(gateway.stop(WAIT));
    }

    /**
     * The extension kit end to end: the template bundle (examples/object-bundle, built on its own
     * pom against the installed SPI) copied into load/ of the running gateway reaches a Leshan
     * server in a Registration Update, answers a sensible heap percentage, resets its min/max on
     * Execute, and leaves with its jar.
     */
    @Test
    public void theTemplateObjectBundleDroppedIntoLoadReachesTheServerAndLeavesWithItsJar() throws Exception {
        Path template = Path.of(System.getProperty("lightgate.example.objectbundle"));
        assertTrue("the template bundle is built before the integration tests: " + template, Files.isRegularFile(template));
        List<org.eclipse.leshan.core.model.ObjectModel> models;
        try (JarFile jar = new JarFile(template.toFile()); var ddf = jar.getInputStream(jar.getEntry("models/3320.xml"))) {
            // the server learns the object from the DDF file the bundle ships, as a user's server would
            models = ObjectLoader.loadDdfFile(ddf, "3320.xml");
        }
        try (TestLeshanServer leshan = TestLeshanServer.builder().name("kit").models(models).start()) {
            // the template's configuration (its @ObjectClassDefinition) from etc/: one sample an
            // hour, so no new sample moves min/max between the Reset and the read below
            Files.createDirectories(workDir.resolve("etc"));
            Files.writeString(workDir.resolve("etc/example.objects.heap.cfg"), "intervalMillis = 3600000\n");
            start("-Dlightgate.endpoint=jar-kit", "-Dlightgate.server.uri=" + leshan.uri());
            var registration = leshan.awaitRegistration("jar-kit", WAIT);
            assertFalse(TestLeshanServer.objectIds(List.of(registration.getObjectLinks())).contains(3320));
            leshan.clear(); // only Updates from here on count

            Path part = workDir.resolve("heap.part");
            Files.copy(template, part);
            Files.move(part, workDir.resolve("load/example.objects.heap.jar"), StandardCopyOption.ATOMIC_MOVE);
            leshan.awaitUpdate("jar-kit", TestLeshanServer.hasInstance(3320, 0), WAIT);
            awaitLine("sampling every 3600000 ms");

            var read = leshan.send("jar-kit", new ReadRequest(ContentFormat.SENML_JSON, 3320, 0), WAIT);
            assertTrue(read.toString(), read.isSuccess());
            LwM2mObjectInstance instance = (LwM2mObjectInstance) read.getContent();
            double value = (Double) instance.getResource(5700).getValue();
            double min = (Double) instance.getResource(5601).getValue();
            double max = (Double) instance.getResource(5602).getValue();
            assertTrue("heap in use " + value + " %", value > 0 && value <= 100);
            assertTrue(min + " <= " + value + " <= " + max, min <= value && value <= max);
            assertEquals("%", instance.getResource(5701).getValue());
            assertEquals(100.0, (Double) instance.getResource(5604).getValue(), 0);

            var reset = leshan.send("jar-kit", new ExecuteRequest(3320, 0, 5605), WAIT);
            assertTrue(reset.toString(), reset.isSuccess());
            var afterReset = (LwM2mObjectInstance) leshan.send("jar-kit", new ReadRequest(ContentFormat.SENML_JSON, 3320, 0), WAIT).getContent();
            assertEquals("after Reset, min is the current value", afterReset.getResource(5700).getValue(), afterReset.getResource(5601).getValue());
            assertEquals("after Reset, max is the current value", afterReset.getResource(5700).getValue(), afterReset.getResource(5602).getValue());

            leshan.clear();
            Files.delete(workDir.resolve("load/example.objects.heap.jar"));
            leshan.awaitUpdate("jar-kit", TestLeshanServer.lacksObject(3320), WAIT);
            var gone = leshan.send("jar-kit", new ReadRequest(3320, 0, 5700), WAIT);
            assertEquals(org.eclipse.leshan.core.ResponseCode.NOT_FOUND, gone.getCode());
            assertTrue(gateway.stop(WAIT)); // while the server still answers its De-register
        }
    }

    /**
     * The quick start with DTLS: only -Dlightgate.bootstrap.uri=coaps://..., -Dlightgate.psk.identity
     * and -Dlightgate.psk.key. The Leshan bootstrap server accepts the gateway's PSK and provisions a
     * PSK account for a Leshan server; the gateway registers there over DTLS and serves a read.
     * Then -Dlightgate.server.uri=coaps://... with the same properties registers directly.
     */
    @Test
    public void theQuickStartPskPropertiesSecureACoapsBootstrapServerAndACoapsServer() throws Exception {
        byte[] bootstrapKey = java.util.HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        byte[] serverKey = java.util.HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");
        var bootstrapStore = new org.eclipse.leshan.server.security.InMemorySecurityStore();
        bootstrapStore.add(org.eclipse.leshan.server.security.SecurityInfo.newPreSharedKeyInfo("jar-psk", "jar-psk-id", bootstrapKey));
        var serverStore = new org.eclipse.leshan.server.security.InMemorySecurityStore();
        serverStore.add(org.eclipse.leshan.server.security.SecurityInfo.newPreSharedKeyInfo("jar-psk", "jar-psk-dm", serverKey));
        try (TestLeshanServer leshan = TestLeshanServer.builder().name("jar-psk").coaps(serverStore, b -> {
        }).start(); TestBootstrapServer bootstrap = new TestBootstrapServer(bootstrapStore)) {
            var coaps = org.eclipse.leshan.core.endpoint.Protocol.COAPS;
            var config = TestBootstrapServer.account(bootstrap.coapsUri(), leshan.uri(coaps), 3, 3);
            config.security.get(0).securityMode = org.eclipse.leshan.core.SecurityMode.PSK;
            config.security.get(0).publicKeyOrId = "jar-psk-id".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            config.security.get(0).secretKey = bootstrapKey;
            config.security.get(1).securityMode = org.eclipse.leshan.core.SecurityMode.PSK;
            config.security.get(1).publicKeyOrId = "jar-psk-dm".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            config.security.get(1).secretKey = serverKey;
            bootstrap.put("jar-psk", config);
            start("-Dlightgate.endpoint=jar-psk", "-Dlightgate.bootstrap.uri=" + bootstrap.coapsUri(),
                    "-Dlightgate.psk.identity=jar-psk-id", "-Dlightgate.psk.key=00112233445566778899aabbccddeeff");
            var registration = leshan.awaitRegistration("jar-psk", WAIT);
            assertEquals(new org.eclipse.leshan.core.peer.PskIdentity("jar-psk-dm"), registration.getClientTransportData().getIdentity());
            assertEquals(bootstrap.events().toString(), 1, bootstrap.requests("jar-psk"));
            var read = leshan.send("jar-psk", new ReadRequest(ContentFormat.TLV, 3, 0), WAIT);
            assertTrue(read.toString(), read.isSuccess());
            String log = String.join("\n", gateway.lines());
            assertFalse("the PSK key is never logged", log.contains("00112233445566778899aabbccddeeff") || log.contains("0f0e0d0c0b0a0908"));
            assertTrue(gateway.stop(WAIT));
            leshan.awaitDeregistration("jar-psk", WAIT);

            leshan.clear();
            serverStore.add(org.eclipse.leshan.server.security.SecurityInfo.newPreSharedKeyInfo("jar-psk-2", "jar-psk-id", bootstrapKey));
            start("-Dlightgate.endpoint=jar-psk-2", "-Dlightgate.server.uri=" + leshan.uri(coaps),
                    "-Dlightgate.psk.identity=jar-psk-id", "-Dlightgate.psk.key=00112233445566778899aabbccddeeff");
            registration = leshan.awaitRegistration("jar-psk-2", WAIT);
            assertEquals(new org.eclipse.leshan.core.peer.PskIdentity("jar-psk-id"), registration.getClientTransportData().getIdentity());
            assertTrue(leshan.send("jar-psk-2", new ReadRequest(ContentFormat.TLV, 3, 0), WAIT).isSuccess());
        }
    }
}
