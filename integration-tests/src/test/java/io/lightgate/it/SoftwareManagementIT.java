/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Software Management (object 9) on the exported gateway.jar, driven by a Leshan server as an
 * operator's server would: the template object bundle (examples/object-bundle, IPSO 3320) is
 * pushed block-wise or pulled over HTTP, installed, started, read, stopped and uninstalled; bad
 * packages are refused with the Update Result object 9 defines; an installed package survives
 * a restart of the gateway.
 */
public class SoftwareManagementIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ENDPOINT = "sw-it";
    private static final int STATE = 7;
    private static final int RESULT = 9;
    private static final int ACTIVE = 12;
    private static final int REASON = 16;

    private Path workDir;
    private byte[] heapJar;
    private GatewayProcess gateway;
    private TestLeshanServer leshan;

    @Before
    public void setUp() throws Exception {
        workDir = Files.createDirectories(Path.of("target", "it", "software")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
        Path template = Path.of(System.getProperty("lightgate.example.objectbundle"));
        assertTrue("the template bundle is built before the integration tests: " + template, Files.isRegularFile(template));
        heapJar = Files.readAllBytes(template);
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadDdfFile(new java.io.ByteArrayInputStream(TestBundles.resource("/ddf/9.xml")), "9.xml"));
        try (JarFile jar = new JarFile(template.toFile()); var ddf = jar.getInputStream(jar.getEntry("models/3320.xml"))) {
            models.addAll(ObjectLoader.loadDdfFile(ddf, "3320.xml")); // as the operator's server learns the add-on's object
        }
        leshan = TestLeshanServer.builder().name("software").models(models).start();
        // one sample an hour: the add-on's value stays put while the test reads it
        Files.createDirectories(workDir.resolve("etc"));
        Files.writeString(workDir.resolve("etc/example.objects.heap.cfg"), "intervalMillis = 3600000\n");
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

    private void startGateway() throws Exception {
        gateway = GatewayProcess.start(workDir, "-Dlightgate.endpoint=" + ENDPOINT, "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(ENDPOINT, WAIT);
    }

    @Test
    public void aPushedBundleIsInstalledStartedReadStoppedAndUninstalledAndSurvivesARestart() throws Exception {
        startGateway();
        assertTrue("object 9 is on the gateway's endpoint", registeredObjects().contains(9));
        int id = create("heap", "1.0");
        assertEquals("heap", readString(id, 0));
        assertEquals(0, read(id, STATE));

        // the jar is larger than a datagram: Leshan's Californium sends it block-wise (Block1)
        assertTrue("the package needs block-wise transfer: " + heapJar.length, heapJar.length > 1024);
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, heapJar), WAIT));
        awaitValue(id, STATE, 3);
        assertEquals("Update Result: downloaded and verified", 3, read(id, RESULT));
        assertEquals("Package Name is the bundle's symbolic name", "example.objects.heap", readString(id, 0));
        try (JarFile jar = new JarFile(System.getProperty("lightgate.example.objectbundle"))) {
            assertEquals(jar.getManifest().getMainAttributes().getValue("Bundle-Version"), readString(id, 1));
        }

        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
        assertEquals("INSTALLED", 4, read(id, STATE));
        assertEquals("successfully installed", 2, read(id, RESULT));
        assertFalse("installed, not active", readBoolean(id, ACTIVE));
        assertFalse("no 3320 before Activate", registeredObjects().contains(3320));

        assertSuccess(leshan.send(ENDPOINT, new ObserveRequest(ContentFormat.TEXT, 9, id, ACTIVE), WAIT));
        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 10), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.hasInstance(3320, 0), WAIT);
        assertTrue("Activation State notified: " + leshan.notifications(ENDPOINT, "/9/" + id + "/12"), GatewayTestSupport.holdsWithin(WAIT,
                () -> leshan.notifications(ENDPOINT, "/9/" + id + "/12").stream().anyMatch(n -> Boolean.TRUE.equals(n.value()))));
        assertTrue(readBoolean(id, ACTIVE));
        ReadResponse heap = leshan.send(ENDPOINT, new ReadRequest(ContentFormat.TEXT, 3320, 0, 5700), WAIT);
        assertSuccess(heap);
        double percent = (Double) ((LwM2mSingleResource) heap.getContent()).getValue();
        assertTrue("heap in use " + percent + " %", percent > 0 && percent <= 100);
        assertTrue(Files.isRegularFile(workDir.resolve("data/software/" + id + ".jar")));

        // a restart: the kept framework cache still has the package (a new jar would install it from data/software/)
        assertTrue(gateway.stop(WAIT));
        leshan.clear();
        gateway = GatewayProcess.start(workDir, "-Dlightgate.endpoint=" + ENDPOINT, "-Dlightgate.server.uri=" + leshan.uri());
        leshan.awaitRegistration(ENDPOINT, WAIT);
        assertTrue("3320 is back after the restart", GatewayTestSupport.holdsWithin(WAIT, () -> registeredObjects().contains(3320)));
        assertEquals(4, read(id, STATE));
        assertTrue("still active after the restart", readBoolean(id, ACTIVE));
        assertSuccess(leshan.send(ENDPOINT, new ReadRequest(ContentFormat.TEXT, 3320, 0, 5700), WAIT));

        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 11), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.lacksObject(3320), WAIT);
        assertFalse(readBoolean(id, ACTIVE));
        assertEquals(ResponseCode.NOT_FOUND, leshan.send(ENDPOINT, new ReadRequest(3320, 0, 5700), WAIT).getCode());

        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 6), WAIT));
        assertEquals("Uninstall: back to INITIAL", 0, read(id, STATE));
        assertEquals("Uninstall resets the Update Result", 0, read(id, RESULT));
        assertFalse("the package is gone from data/software/", Files.exists(workDir.resolve("data/software/" + id + ".jar")));
        assertEquals("Activate needs an installed package", ResponseCode.BAD_REQUEST,
                leshan.send(ENDPOINT, new ExecuteRequest(9, id, 10), WAIT).getCode());

        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new DeleteRequest(9, id), WAIT));
        assertEquals(ResponseCode.NOT_FOUND, leshan.send(ENDPOINT, new ReadRequest(9, id, STATE), WAIT).getCode());
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void aPackageUriIsPulledOverHttpAndItsSha256Checked() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/heap.jar", exchange -> {
            exchange.sendResponseHeaders(200, heapJar.length);
            exchange.getResponseBody().write(heapJar);
            exchange.close();
        });
        String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString("operator:s3cret".getBytes(StandardCharsets.UTF_8));
        http.createContext("/private/heap.jar", exchange -> {
            boolean allowed = authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? heapJar.length : -1);
            if (allowed) {
                exchange.getResponseBody().write(heapJar);
            }
            exchange.close();
        });
        http.start();
        try {
            startGateway();
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(heapJar));
            int id = create("heap", "");

            String wrongHash = "0".repeat(64);
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, base + "/heap.jar#sha256=" + wrongHash), WAIT));
            awaitValue(id, RESULT, 53);
            assertEquals("integrity check failure: back to INITIAL", 0, read(id, STATE));
            assertTrue(readString(id, REASON), readString(id, REASON).contains(sha256));

            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, base + "/missing.jar"), WAIT));
            awaitValue(id, RESULT, 56);
            assertEquals(0, read(id, STATE));

            // User Name and Password (14, 15): HTTP Basic authentication of the pull
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, base + "/private/heap.jar"), WAIT));
            awaitValue(id, RESULT, 56); // 401 without them
            assertTrue(readString(id, REASON), readString(id, REASON).contains("401"));
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 14, "operator"), WAIT));
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 15, "s3cret"), WAIT));
            assertEquals("the password cannot be read", ResponseCode.METHOD_NOT_ALLOWED,
                    leshan.send(ENDPOINT, new ReadRequest(ContentFormat.TEXT, 9, id, 15), WAIT).getCode());
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, base + "/private/heap.jar"), WAIT));
            awaitValue(id, STATE, 3);
            assertFalse("the password is not logged", gateway.lines().stream().anyMatch(l -> l.contains("s3cret")));
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, new byte[0]), WAIT)); // reset

            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, base + "/heap.jar#sha256=" + sha256), WAIT));
            awaitValue(id, STATE, 3);
            assertEquals(3, read(id, RESULT));
            leshan.clear();
            assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
            assertEquals(2, read(id, RESULT));
            assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 10), WAIT));
            leshan.awaitUpdate(ENDPOINT, TestLeshanServer.hasInstance(3320, 0), WAIT);
            assertTrue(gateway.stop(WAIT));
        } finally {
            http.stop(0);
        }
    }

    @Test
    public void uninstallForUpdateKeepsTheInstanceForTheSoftwaresNewVersionWhichRunsAgainAfterInstall() throws Exception {
        startGateway();
        int id = create("heap", "");
        assertTrue("Update Supported Objects", readBoolean(id, 8));
        assertEquals("false is refused: the gateway always updates at once", ResponseCode.BAD_REQUEST,
                leshan.send(ENDPOINT, new WriteRequest(9, id, 8, false), WAIT).getCode());
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 8, true), WAIT));
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, heapJar), WAIT));
        awaitValue(id, STATE, 3);
        String oldVersion = readString(id, 1);
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 10), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.hasInstance(3320, 0), WAIT);

        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 6, "1"), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.lacksObject(3320), WAIT);
        assertEquals("ForUpdate: back to INITIAL", 0, read(id, STATE));
        assertEquals(0, read(id, RESULT));
        assertFalse(readBoolean(id, ACTIVE));
        assertEquals("the instance still names the software to update", "example.objects.heap", readString(id, 0));
        assertEquals(oldVersion, readString(id, 1));
        assertTrue(readString(id, REASON), readString(id, REASON).contains("uninstalled for an update"));

        // the instance waits for the update across a restart
        assertTrue(gateway.stop(WAIT));
        leshan.clear();
        startGateway();
        assertEquals(0, read(id, STATE));
        assertFalse("nothing runs while the update is awaited", registeredObjects().contains(3320));

        byte[] other;
        try (var in = TestBundles.bundle("test.other.software", Map.of(), Map.of())) {
            other = in.readAllBytes();
        }
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, other), WAIT));
        awaitValue(id, RESULT, 57);
        assertEquals("another bundle is no update of it", 0, read(id, STATE));
        assertTrue(readString(id, REASON), readString(id, REASON).contains("not an update of example.objects.heap"));

        byte[] newVersion = withBundleVersion(heapJar, "9.9.9");
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, newVersion), WAIT));
        awaitValue(id, STATE, 3);
        assertEquals("9.9.9", readString(id, 1));
        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
        assertEquals(2, read(id, RESULT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.hasInstance(3320, 0), WAIT);
        assertTrue("the new version runs, as the old one did, without Activate", readBoolean(id, ACTIVE));
        assertSuccess(leshan.send(ENDPOINT, new ReadRequest(ContentFormat.TEXT, 3320, 0, 5700), WAIT));

        // a plain Uninstall (argument 0) removes the package: another bundle may come next
        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 6, "0"), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.lacksObject(3320), WAIT);
        assertEquals(0, read(id, STATE));
        assertEquals("", readString(id, REASON));
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, other), WAIT));
        awaitValue(id, STATE, 3);
        assertEquals("test.other.software", readString(id, 0));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void badPackagesAreRefusedWithTheirUpdateResultAndChangeNothing() throws Exception {
        startGateway();
        List<Integer> objectsBefore = List.copyOf(registeredObjects());
        int id = create("bad", "1");

        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2,
                "#!/bin/sh\necho not a bundle\n".getBytes(StandardCharsets.UTF_8)), WAIT));
        awaitValue(id, RESULT, 54);
        assertEquals("unsupported package type: back to INITIAL", 0, read(id, STATE));
        assertEquals("Install without a delivered package", ResponseCode.BAD_REQUEST,
                leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT).getCode());

        byte[] unresolvable;
        try (var in = TestBundles.bundle("test.unresolvable", Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""), Map.of())) {
            unresolvable = in.readAllBytes();
        }
        assertSuccess(leshan.send(ENDPOINT, new WriteRequest(ContentFormat.OPAQUE, 9, id, 2, unresolvable), WAIT));
        awaitValue(id, STATE, 3); // a valid bundle: delivered; whether it resolves shows at Install
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
            assertEquals("installation failure, attempt " + attempt, 58, read(id, RESULT));
            assertEquals("the state stays DELIVERED", 3, read(id, STATE));
            // the second attempt fails for the same reason, not as a duplicate: the first left no bundle behind
            assertTrue(readString(id, REASON), readString(id, REASON).contains("com.example.nowhere"));
        }
        assertEquals("no object came or went", objectsBefore, List.copyOf(registeredObjects()));
        assertTrue(gateway.stop(WAIT));
    }

    @Test
    public void aPackageUriIsPulledOverCoapBlockwise() throws Exception {
        org.eclipse.californium.elements.config.Configuration config = new org.eclipse.californium.elements.config.Configuration(
                org.eclipse.californium.core.config.CoapConfig.DEFINITIONS, org.eclipse.californium.elements.config.UdpConfig.DEFINITIONS);
        org.eclipse.californium.core.CoapServer coap = new org.eclipse.californium.core.CoapServer(config);
        org.eclipse.californium.core.network.CoapEndpoint endpoint = new org.eclipse.californium.core.network.CoapEndpoint.Builder()
                .setConfiguration(config).setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        coap.addEndpoint(endpoint);
        coap.add(new org.eclipse.californium.core.CoapResource("heap.jar") {
            @Override
            public void handleGET(org.eclipse.californium.core.server.resources.CoapExchange exchange) {
                // larger than a datagram: Californium answers block by block (Block2)
                exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT, heapJar,
                        org.eclipse.californium.core.coap.MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            }
        });
        coap.start();
        try {
            startGateway();
            String uri = "coap://127.0.0.1:" + endpoint.getAddress().getPort();
            int id = create("heap", "");
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, "coaps://127.0.0.1:5684/heap.jar"), WAIT));
            awaitValue(id, RESULT, 56); // object 9's code for an unsupported protocol
            assertTrue(readString(id, REASON), readString(id, REASON).contains("unsupported protocol"));
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, uri + "/nothing-here"), WAIT));
            awaitValue(id, RESULT, 56); // 4.04
            assertSuccess(leshan.send(ENDPOINT, new WriteRequest(9, id, 3, uri + "/heap.jar"), WAIT));
            awaitValue(id, STATE, 3);
            assertEquals("example.objects.heap", readString(id, 0));
            assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 4), WAIT));
            assertEquals(2, read(id, RESULT));
            assertTrue(gateway.stop(WAIT));
        } finally {
            coap.destroy();
        }
    }

    @Test
    public void aBundleInLoadIsAnInstanceThatTheFolderOwns() throws Exception {
        startGateway();
        Path part = workDir.resolve("heap.part");
        Files.write(part, heapJar);
        Files.move(part, workDir.resolve("load/heap.jar"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.hasInstance(3320, 0), WAIT);
        int[] found = { -1 };
        assertTrue("an instance of 9 for the bundle from load/", GatewayTestSupport.holdsWithin(WAIT, () -> {
            found[0] = instanceNamed("example.objects.heap");
            return found[0] >= 0;
        }));
        int id = found[0];
        assertEquals(4, read(id, STATE));
        assertTrue(readBoolean(id, ACTIVE));
        assertTrue(readString(id, REASON), readString(id, REASON).contains("load/heap.jar"));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, leshan.send(ENDPOINT, new ExecuteRequest(9, id, 6), WAIT).getCode());
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, leshan.send(ENDPOINT, new DeleteRequest(9, id), WAIT).getCode());

        leshan.clear();
        assertSuccess(leshan.send(ENDPOINT, new ExecuteRequest(9, id, 11), WAIT));
        leshan.awaitUpdate(ENDPOINT, TestLeshanServer.lacksObject(3320), WAIT);
        assertFalse(readBoolean(id, ACTIVE));

        leshan.clear();
        Files.delete(workDir.resolve("load/heap.jar"));
        leshan.awaitUpdate(ENDPOINT, links -> !TestLeshanServer.hasInstance(9, id).test(links), WAIT);
        assertEquals(-1, instanceNamed("example.objects.heap"));
        assertTrue(gateway.stop(WAIT));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The bundle with another Bundle-Version: a new version of the same software. */
    private static byte[] withBundleVersion(byte[] jar, String version) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (var out = new java.util.jar.JarOutputStream(bytes, manifest)) {
                for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private java.util.Set<Integer> registeredObjects() {
        return TestLeshanServer.objectIds(List.of(leshan.registration(ENDPOINT).getObjectLinks()));
    }

    /** The id of the instance of 9 whose Package Name is this, or -1. */
    private int instanceNamed(String name) {
        try {
            ReadResponse read = leshan.send(ENDPOINT, new ReadRequest(ContentFormat.SENML_JSON, 9), WAIT);
            if (!read.isSuccess()) {
                return -1;
            }
            for (var instance : ((org.eclipse.leshan.core.node.LwM2mObject) read.getContent()).getInstances().values()) {
                if (name.equals(instance.getResource(0).getValue())) {
                    return instance.getId();
                }
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int create(String name, String version) throws Exception {
        CreateResponse created = leshan.send(ENDPOINT, new CreateRequest(ContentFormat.TLV, 9,
                LwM2mSingleResource.newStringResource(0, name), LwM2mSingleResource.newStringResource(1, version)), WAIT);
        assertSuccess(created);
        String location = created.getLocation();
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    private Object value(int id, int resource) throws InterruptedException {
        ReadResponse read = leshan.send(ENDPOINT, new ReadRequest(ContentFormat.TEXT, 9, id, resource), WAIT);
        assertSuccess(read);
        return ((LwM2mSingleResource) read.getContent()).getValue();
    }

    private long read(int id, int resource) throws InterruptedException {
        return (Long) value(id, resource);
    }

    private String readString(int id, int resource) throws InterruptedException {
        return (String) value(id, resource);
    }

    private boolean readBoolean(int id, int resource) throws InterruptedException {
        return (Boolean) value(id, resource);
    }

    private void awaitValue(int id, int resource, long expected) throws InterruptedException {
        long[] last = { -1 };
        boolean reached = GatewayTestSupport.holdsWithin(WAIT, () -> {
            try {
                last[0] = read(id, resource);
                return last[0] == expected;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertTrue("/9/" + id + "/" + resource + " is " + last[0] + ", expected " + expected + " (status reason: "
                + readString(id, REASON) + ")", reached);
    }

    private static void assertSuccess(LwM2mResponse response) {
        assertTrue(String.valueOf(response), response != null && response.isSuccess());
    }
}
