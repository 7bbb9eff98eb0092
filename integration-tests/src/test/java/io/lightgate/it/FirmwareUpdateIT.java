/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Firmware Update (/5/0) of the gateway's own endpoint, driven by a real Leshan server against the
 * exported gateway.jar run by its supervisor bin/lightgate: the new image (a copy of gateway.jar
 * with another Lightgate-Image-Version) is pushed block-wise to /5/0/0, Update restarts the gateway
 * into it, it registers again and reports Update Result 1 and its version; an image that never
 * registers is rolled back by the supervisor's watchdog, and the previous image reports the failure;
 * a package that is no gateway image is refused, and an image pulled from an HTTP server is installed,
 * as is one pulled block-wise from a CoAP file server (Californium's CoapServer on loopback), after
 * which the Device object's Firmware Version (3/0/3) reports the new image's version. A feature package
 * (feature.properties and bundles/*.jar in a zip) is composed with the running image: one that adds
 * the example object bundle (IPSO 3320) is installed the same way and the new object is readable; one
 * whose bundle does not resolve is refused with Update Result 6 and the gateway runs on unchanged.
 */
public class FirmwareUpdateIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    // some 67,000 blocks of 512 bytes (the gateway's block size), one round trip each on loopback
    private static final Duration PUSH = Duration.ofMinutes(5);
    private static final String SHIPPED_VERSION = "0.1.0-SNAPSHOT";

    private Path workDir;
    private GatewayProcess gateway;
    private TestLeshanServer leshan;

    @Before
    public void setUp() throws Exception {
        workDir = Files.createDirectories(Path.of("target", "it", "firmware")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
        List<ObjectModel> models;
        try (JarFile jar = new JarFile(exampleBundle().toFile()); var ddf = jar.getInputStream(jar.getEntry("models/3320.xml"))) {
            models = ObjectLoader.loadDdfFile(ddf, "3320.xml"); // the object the feature package adds
        }
        leshan = TestLeshanServer.builder().name("firmware").models(models).coapConfig(cfg -> {
            cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024 * 1024);
        }).start();
    }

    @After
    public void tearDown() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (leshan != null) {
            leshan.close();
        }
    }

    @Test
    public void aNewGatewayImagePushedBlockwiseIsInstalledAndConfirmedWhenItRegisters() throws Exception {
        String endpoint = "fw-update";
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "180"), "-Dlightgate.endpoint=" + endpoint,
                "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(endpoint, WAIT);
        assertEquals(SHIPPED_VERSION, readString(endpoint, 7));
        assertEquals(0L, readLong(endpoint, 3));
        assertEquals("push and pull", 2L, readLong(endpoint, 9));

        Path image = copyOfGateway("0.1.0-fwtest-2", null);
        assertTrue(Files.size(image) > 30_000_000);
        WriteResponse pushed = leshan.send(endpoint, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, Files.readAllBytes(image)),
                PUSH.toMillis());
        assertTrue(String.valueOf(pushed), pushed != null && pushed.isSuccess());
        assertEquals("Downloaded", 2L, readLong(endpoint, 3));
        assertEquals("0.1.0-fwtest-2", readString(endpoint, 7));

        leshan.clear();
        var update = leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT);
        assertTrue(String.valueOf(update), update.isSuccess());
        leshan.awaitDeregistration(endpoint, WAIT); // the old image stops cleanly
        leshan.awaitRegistration(endpoint, Duration.ofSeconds(120)); // the new one, on trial
        awaitLong(endpoint, 5, 1L);
        assertEquals("0.1.0-fwtest-2", readString(endpoint, 7));
        assertEquals("Idle", 0L, readLong(endpoint, 3));
        gateway.awaitLine("[lightgate] the new image registered with its LwM2M server", WAIT); // the supervisor ended the trial

        Path firmware = workDir.resolve("data/firmware");
        assertEquals("0.1.0-fwtest-2", imageVersion(firmware.resolve("current.jar")));
        assertEquals(SHIPPED_VERSION, imageVersion(firmware.resolve("previous.jar")));
        assertFalse(Files.exists(firmware.resolve("trial")));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void anImageThatNeverRegistersIsRolledBackByTheWatchdogAndTheFailureIsReported() throws Exception {
        String endpoint = "fw-rollback";
        // the server in etc/: the bad image's own setting (a server where nobody listens) replaces it
        Files.createDirectories(workDir.resolve("etc"));
        Files.writeString(workDir.resolve("etc/io.lightgate.lwm2m.server-main.cfg"), "uri = " + leshan.uri() + "\nshort.server.id = 1\n");
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "20"), "-Dlightgate.endpoint=" + endpoint);
        leshan.awaitRegistration(endpoint, WAIT);

        Path bad = copyOfGateway("0.1.0-fwtest-bad", "lightgate.server.uri=coap://127.0.0.1:" + unusedUdpPort());
        WriteResponse pushed = leshan.send(endpoint, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, Files.readAllBytes(bad)),
                PUSH.toMillis());
        assertTrue(String.valueOf(pushed), pushed != null && pushed.isSuccess());
        leshan.clear();
        assertTrue(leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT).isSuccess());
        leshan.awaitDeregistration(endpoint, WAIT);

        gateway.awaitLine("did not register within 20 s", Duration.ofSeconds(120));
        gateway.awaitLine("rolling back", WAIT);
        leshan.awaitRegistration(endpoint, WAIT); // the previous image again
        awaitLong(endpoint, 5, 8L);
        assertEquals("Idle", 0L, readLong(endpoint, 3));
        assertEquals("the previous image runs", SHIPPED_VERSION, readString(endpoint, 7));

        Path firmware = workDir.resolve("data/firmware");
        assertEquals(SHIPPED_VERSION, imageVersion(firmware.resolve("current.jar")));
        assertEquals("kept for a look", "0.1.0-fwtest-bad", imageVersion(firmware.resolve("rejected.jar")));
        assertFalse(Files.exists(firmware.resolve("trial")));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void aPackageThatIsNoImageIsRefusedAndAnImagePulledOverHttpIsInstalled() throws Exception {
        String endpoint = "fw-pull";
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "180"), "-Dlightgate.endpoint=" + endpoint,
                "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(endpoint, WAIT);
        Path firmware = workDir.resolve("data/firmware");

        WriteResponse refused = leshan.send(endpoint, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0,
                "#!/bin/sh\necho not a gateway image\n".getBytes(StandardCharsets.UTF_8)), WAIT);
        assertEquals(String.valueOf(refused), org.eclipse.leshan.core.ResponseCode.BAD_REQUEST, refused.getCode());
        assertEquals("unsupported package type", 6L, readLong(endpoint, 5));
        assertEquals("Idle", 0L, readLong(endpoint, 3));
        assertFalse(Files.exists(firmware.resolve("staged.jar")));

        Path image = copyOfGateway("0.1.0-fwtest-pull", null);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/images/gateway.jar", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(image));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(image, out);
            }
        });
        http.start();
        try {
            String uri = "http://127.0.0.1:" + http.getAddress().getPort() + "/images/gateway.jar";
            WriteResponse written = leshan.send(endpoint, new WriteRequest(5, 0, 1, uri), WAIT);
            assertTrue(String.valueOf(written), written.isSuccess());
            awaitLong(endpoint, 3, 2L); // Downloaded
        } finally {
            http.stop(0);
        }
        assertEquals("0.1.0-fwtest-pull", readString(endpoint, 7));
        assertEquals(0L, readLong(endpoint, 5));

        leshan.clear();
        assertTrue(leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT).isSuccess());
        leshan.awaitDeregistration(endpoint, WAIT);
        leshan.awaitRegistration(endpoint, Duration.ofSeconds(120));
        awaitLong(endpoint, 5, 1L);
        assertEquals("0.1.0-fwtest-pull", readString(endpoint, 7));
        gateway.awaitLine("[lightgate] the new image registered with its LwM2M server", WAIT);
        assertEquals("0.1.0-fwtest-pull", imageVersion(firmware.resolve("current.jar")));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void anImagePulledOverCoapBlockwiseIsInstalledAndTheDeviceObjectReportsItsVersion() throws Exception {
        String endpoint = "fw-coap";
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "180"), "-Dlightgate.endpoint=" + endpoint,
                "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(endpoint, WAIT);
        assertEquals("Firmware Version is the running image's", SHIPPED_VERSION, readDeviceFirmwareVersion(endpoint));
        assertEquals(readString(endpoint, 7), readDeviceFirmwareVersion(endpoint));
        assertEquals("CoAP, HTTP, HTTPS and nothing else", List.of(0L, 2L, 3L), readProtocols(endpoint));

        WriteResponse coaps = leshan.send(endpoint, new WriteRequest(5, 0, 1, "coaps://127.0.0.1:5684/images/gateway.jar"), WAIT);
        assertEquals(String.valueOf(coaps), org.eclipse.leshan.core.ResponseCode.BAD_REQUEST, coaps.getCode());
        assertEquals("unsupported protocol", 9L, readLong(endpoint, 5));

        Path image = copyOfGateway("0.1.0-fwtest-coap", null);
        byte[] bytes = Files.readAllBytes(image);
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024 * 1024);
        CoapServer coap = new CoapServer(config);
        CoapEndpoint coapEndpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        coap.addEndpoint(coapEndpoint);
        AtomicInteger gets = new AtomicInteger();
        CoapResource images = new CoapResource("images");
        images.add(new CoapResource("gateway.jar") {
            @Override
            public void handleGET(CoapExchange exchange) {
                gets.incrementAndGet();
                // some 33,000 blocks: Californium answers block by block (Block2)
                exchange.respond(CoAP.ResponseCode.CONTENT, bytes, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            }
        });
        coap.add(images);
        coap.start();
        try {
            String base = "coap://127.0.0.1:" + coapEndpoint.getAddress().getPort();
            WriteResponse missing = leshan.send(endpoint, new WriteRequest(5, 0, 1, base + "/images/missing.jar"), WAIT);
            assertTrue(String.valueOf(missing), missing.isSuccess());
            awaitLong(endpoint, 5, 7L); // 4.04: invalid URI
            assertEquals("Idle", 0L, readLong(endpoint, 3));

            WriteResponse written = leshan.send(endpoint, new WriteRequest(5, 0, 1, base + "/images/gateway.jar"), WAIT);
            assertTrue(String.valueOf(written), written.isSuccess());
            awaitLong(endpoint, 3, 2L, PUSH); // Downloaded
        } finally {
            coap.destroy();
        }
        assertTrue("the image was served", gets.get() >= 1);
        assertEquals("0.1.0-fwtest-coap", readString(endpoint, 7));
        assertEquals(0L, readLong(endpoint, 5));
        assertEquals("3/0/3 stays the running image's until Update", SHIPPED_VERSION, readDeviceFirmwareVersion(endpoint));
        assertEquals("the downloaded image is the exported one, byte for byte", java.util.Arrays.hashCode(bytes),
                java.util.Arrays.hashCode(Files.readAllBytes(workDir.resolve("data/firmware/staged.jar"))));

        leshan.clear();
        assertTrue(leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT).isSuccess());
        leshan.awaitDeregistration(endpoint, WAIT);
        leshan.awaitRegistration(endpoint, Duration.ofSeconds(120));
        awaitLong(endpoint, 5, 1L);
        assertEquals("0.1.0-fwtest-coap", readString(endpoint, 7));
        assertEquals("Firmware Version follows the update", "0.1.0-fwtest-coap", readDeviceFirmwareVersion(endpoint));
        gateway.awaitLine("[lightgate] the new image registered with its LwM2M server", WAIT);
        assertEquals("0.1.0-fwtest-coap", imageVersion(workDir.resolve("data/firmware/current.jar")));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void aFeaturePackageAddingAnObjectBundleIsComposedWithTheRunningImageAndInstalled() throws Exception {
        String endpoint = "fw-feature";
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "180"), "-Dlightgate.endpoint=" + endpoint,
                "-Dlightgate.server.uri=" + leshan.uri());
        var registration = leshan.awaitRegistration(endpoint, WAIT);
        assertFalse("the shipped image has no 3320", TestLeshanServer.objectIds(List.of(registration.getObjectLinks())).contains(3320));
        Path firmware = workDir.resolve("data/firmware");

        byte[] feature = featurePackage("name=heap-usage\nversion=1.0.0\n",
                Map.of("example.objects.heap.jar", Files.readAllBytes(exampleBundle())));
        WriteResponse pushed = leshan.send(endpoint, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, feature), WAIT);
        assertTrue(String.valueOf(pushed), pushed != null && pushed.isSuccess());
        awaitLong(endpoint, 3, 2L); // Downloaded once the image is composed
        assertEquals(0L, readLong(endpoint, 5));
        assertEquals("heap-usage", readString(endpoint, 6));
        assertEquals("1.0.0", readString(endpoint, 7));
        String composed = SHIPPED_VERSION + "+heap-usage-1.0.0";
        assertEquals("the staged image is the running one plus the feature", composed, imageVersion(firmware.resolve("staged.jar")));

        leshan.clear();
        assertTrue(leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT).isSuccess());
        leshan.awaitDeregistration(endpoint, WAIT);
        leshan.awaitRegistration(endpoint, Duration.ofSeconds(120)); // the composed image, on trial
        awaitLong(endpoint, 5, 1L);
        assertEquals("Idle", 0L, readLong(endpoint, 3));
        assertEquals(composed, readString(endpoint, 7));
        assertEquals("Firmware Version follows", composed, readDeviceFirmwareVersion(endpoint));
        ReadResponse heap = awaitReadable(endpoint, 3320, 0, 5700);
        double percent = Double.parseDouble(String.valueOf(((LwM2mSingleResource) heap.getContent()).getValue()));
        assertTrue("the feature's object serves the heap in use: " + heap, percent >= 0 && percent <= 100);
        gateway.awaitLine("[lightgate] the new image registered with its LwM2M server", WAIT);
        assertEquals(composed, imageVersion(firmware.resolve("current.jar")));
        assertEquals(SHIPPED_VERSION, imageVersion(firmware.resolve("previous.jar")));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void aFeatureWhoseBundleDoesNotResolveIsRefusedWithResult6AndTheGatewayRunsOn() throws Exception {
        String endpoint = "fw-feature-bad";
        gateway = GatewayProcess.startSupervised(workDir, Map.of("LIGHTGATE_WATCHDOG_S", "180"), "-Dlightgate.endpoint=" + endpoint,
                "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(endpoint, WAIT);
        Path firmware = workDir.resolve("data/firmware");
        byte[] current = Files.readAllBytes(firmware.resolve("current.jar"));

        byte[] unresolvable;
        try (InputStream in = TestBundles.bundle("test.unresolvable", Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""),
                Map.of())) {
            unresolvable = in.readAllBytes();
        }
        byte[] feature = featurePackage("name=broken\nversion=1\n", Map.of("unresolvable.jar", unresolvable,
                "example.objects.heap.jar", Files.readAllBytes(exampleBundle())));
        WriteResponse refused = leshan.send(endpoint, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, feature), WAIT);
        assertEquals(String.valueOf(refused), org.eclipse.leshan.core.ResponseCode.BAD_REQUEST, refused.getCode());
        assertEquals("unsupported package type", 6L, readLong(endpoint, 5));
        assertEquals("Idle", 0L, readLong(endpoint, 3));
        String line = gateway.awaitLine("package refused, Update Result 6", WAIT);
        assertTrue("the log names the bundle and the requirement: " + line,
                line.contains("test.unresolvable") && line.contains("Import-Package: com.example.nowhere;version=\"[1,2)\""));
        assertFalse("the bundle that resolves is not blamed: " + line, line.contains("example.objects.heap"));

        try (var files = Files.list(firmware)) {
            assertEquals("nothing staged", List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("staged")).toList());
        }
        assertTrue("the image is untouched", java.util.Arrays.equals(current, Files.readAllBytes(firmware.resolve("current.jar"))));
        assertEquals("still the shipped image, still registered", SHIPPED_VERSION, readString(endpoint, 7));
        assertTrue(leshan.registration(endpoint) != null);
        assertEquals(org.eclipse.leshan.core.ResponseCode.METHOD_NOT_ALLOWED, leshan.send(endpoint, new ExecuteRequest(5, 0, 2), WAIT).getCode());
        assertTrue(gateway.stop(WAIT));
    }

    // ---- helpers ----

    private static Path exampleBundle() {
        Path template = Path.of(System.getProperty("lightgate.example.objectbundle"));
        assertTrue("the example object bundle is built before the integration tests: " + template, Files.isRegularFile(template));
        return template;
    }

    /** A feature package: feature.properties and the bundle jars under bundles/. */
    private static byte[] featurePackage(String descriptor, Map<String, byte[]> bundles) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("feature.properties"));
            out.write(descriptor.getBytes(StandardCharsets.UTF_8));
            for (var b : bundles.entrySet()) {
                out.putNextEntry(new ZipEntry("bundles/" + b.getKey()));
                out.write(b.getValue());
            }
        }
        return bytes.toByteArray();
    }

    /** Reads until the resource answers (bounded): an object bundle's object appears once the bundle has started. */
    private ReadResponse awaitReadable(String endpoint, int object, int instance, int resource) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<ReadResponse> last = new java.util.concurrent.atomic.AtomicReference<>();
        boolean readable = GatewayTestSupport.holdsWithin(WAIT, () -> {
            ReadResponse r = send(endpoint, new ReadRequest(ContentFormat.TEXT, object, instance, resource));
            last.set(r);
            return r != null && r.isSuccess();
        });
        if (!readable) {
            throw new AssertionError("/" + object + "/" + instance + "/" + resource + " not readable within " + WAIT.toSeconds() + " s: " + last.get());
        }
        return last.get();
    }

    /** A request from the test server, for a poll (an interrupt counts as no answer: the poll's deadline ends it). */
    private ReadResponse send(String endpoint, ReadRequest request) {
        try {
            return leshan.send(endpoint, request, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String readDeviceFirmwareVersion(String endpoint) throws InterruptedException {
        ReadResponse r = leshan.send(endpoint, new ReadRequest(ContentFormat.TEXT, 3, 0, 3), WAIT);
        assertTrue("read /3/0/3: " + r, r != null && r.isSuccess());
        return (String) ((LwM2mSingleResource) r.getContent()).getValue();
    }

    private List<Long> readProtocols(String endpoint) throws InterruptedException {
        ReadResponse r = leshan.send(endpoint, new ReadRequest(ContentFormat.SENML_JSON, 5, 0, 8), WAIT);
        assertTrue("read /5/0/8: " + r, r != null && r.isSuccess());
        return ((LwM2mMultipleResource) r.getContent()).getInstances().values().stream().map(i -> (Long) i.getValue()).sorted().toList();
    }

    private ReadResponse read(String endpoint, int resource) throws InterruptedException {
        ReadResponse r = leshan.send(endpoint, new ReadRequest(ContentFormat.TEXT, 5, 0, resource), WAIT);
        assertTrue("read /5/0/" + resource + ": " + r, r != null && r.isSuccess());
        return r;
    }

    private String readString(String endpoint, int resource) throws InterruptedException {
        return (String) ((LwM2mSingleResource) read(endpoint, resource).getContent()).getValue();
    }

    private long readLong(String endpoint, int resource) throws InterruptedException {
        return (Long) ((LwM2mSingleResource) read(endpoint, resource).getContent()).getValue();
    }

    /** Reads until the resource has the value (bounded): the object changes it right after the registration. */
    private void awaitLong(String endpoint, int resource, long expected) throws InterruptedException {
        awaitLong(endpoint, resource, expected, WAIT);
    }

    private void awaitLong(String endpoint, int resource, long expected, Duration within) throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        boolean reached = GatewayTestSupport.holdsWithin(within, () -> {
            ReadResponse r = send(endpoint, new ReadRequest(ContentFormat.TEXT, 5, 0, resource));
            if (r != null && r.isSuccess()) {
                last.set((Long) ((LwM2mSingleResource) r.getContent()).getValue());
            }
            return last.get() == expected;
        });
        if (!reached) {
            throw new AssertionError("/5/0/" + resource + " is " + last.get() + ", not " + expected + " within " + within.toSeconds() + " s");
        }
    }

    /**
     * A copy of the exported gateway.jar with another Lightgate-Image-Version and, when given, one more
     * line in its launcher.properties (a framework property of that image).
     */
    private Path copyOfGateway(String version, String launcherProperty) throws IOException {
        Path copy = workDir.resolve("gateway-" + version + ".jar");
        try (JarFile in = new JarFile(System.getProperty("lightgate.gateway.jar"), false);
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Lightgate-Image-Version"), version);
            out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
            Enumeration<java.util.jar.JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                ZipEntry copied = new ZipEntry(e.getName());
                copied.setMethod(e.getMethod());
                if (e.getMethod() == ZipEntry.STORED) {
                    copied.setSize(e.getSize());
                    copied.setCompressedSize(e.getCompressedSize());
                    copied.setCrc(e.getCrc());
                }
                try (InputStream data = in.getInputStream(e)) {
                    if (launcherProperty != null && e.getName().equals("launcher.properties")) {
                        byte[] bytes = (new String(data.readAllBytes(), StandardCharsets.ISO_8859_1) + "\n" + launcherProperty + "\n")
                                .getBytes(StandardCharsets.ISO_8859_1);
                        copied = new ZipEntry(e.getName());
                        out.putNextEntry(copied);
                        out.write(bytes);
                    } else {
                        out.putNextEntry(copied);
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    private static String imageVersion(Path jar) throws IOException {
        assertTrue(jar + " exists", Files.isRegularFile(jar));
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            return f.getManifest().getMainAttributes().getValue("Lightgate-Image-Version");
        }
    }

    private static int unusedUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
