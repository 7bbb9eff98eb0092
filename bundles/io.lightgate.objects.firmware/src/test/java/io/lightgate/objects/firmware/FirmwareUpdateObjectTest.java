/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.PackageDownloader;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The object as a server drives it, on real files in a temporary data/firmware/ and a real HTTP server on loopback. */
public class FirmwareUpdateObjectTest {

    private static final String GATEWAY = "gw-1";
    private static final GatewayImage RUNNING = new GatewayImage("Lightgate gateway", "0.1.0");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    private HttpServer http;
    private FirmwareUpdateObject object;

    @Before
    public void setUp() throws IOException {
        dir = tmp.getRoot().toPath().resolve("firmware");
    }

    @After
    public void tearDown() {
        if (object != null) {
            object.deactivate();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    private FirmwareUpdateObject start(boolean supervised) throws IOException {
        if (object != null) {
            object.deactivate();
        }
        object = new FirmwareUpdateObject(config(), dir, () -> GATEWAY, Optional.of(RUNNING), supervised, clock,
                (code, delay, reason) -> exits.add(code));
        return object;
    }

    private static FirmwareConfig config() {
        return new FirmwareConfig() {
            @Override public Class<? extends Annotation> annotationType() { return FirmwareConfig.class; }
            @Override public long exitDelayMillis() { return 0; }
            @Override public long downloadTimeoutSeconds() { return 10; }
            @Override public long maxPackageBytes() { return 1024 * 1024; }
        };
    }

    private Value read(int resource) {
        return object.read(0, resource).toCompletableFuture().join().value();
    }

    private long state() { return read(FirmwareUpdateObject.STATE).asLong(); }
    private long result() { return read(FirmwareUpdateObject.UPDATE_RESULT).asLong(); }

    private void write(int resource, Value value) {
        object.write(0, List.of(Resource.of(resource, value)), WriteMode.REPLACE).toCompletableFuture().join();
    }

    private ResponseCode writeFails(int resource, Value value) {
        try {
            write(resource, value);
        } catch (CompletionException e) {
            return ((LwM2mException) e.getCause()).code();
        }
        fail("the write succeeded");
        return null;
    }

    /** The error code, or null when the execute succeeded (2.04). */
    private ResponseCode executeUpdate() {
        try {
            object.execute(0, FirmwareUpdateObject.UPDATE, ExecuteArguments.NONE).toCompletableFuture().join();
            return null;
        } catch (CompletionException e) {
            return ((LwM2mException) e.getCause()).code();
        }
    }

    @Test
    public void aPushedImageIsStagedAndUpdateAsksTheSupervisorToInstallIt() throws Exception {
        start(true);
        assertEquals(0, state());
        assertEquals("0.1.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        assertEquals(2, state());
        assertEquals(0, result());
        assertEquals("0.2.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        assertTrue(Files.isRegularFile(dir.resolve("staged.jar")));

        assertEquals(null, executeUpdate());
        assertEquals(3, state());
        assertEquals(List.of(10), exits);
        // what the restarted gateway reads: Updating
        assertEquals("3", props(dir.resolve("state.properties")).getProperty("state"));
    }

    @Test
    public void somethingThatIsNoGatewayImageIsRefusedAndNothingIsStaged() throws Exception {
        start(true);
        assertEquals(ResponseCode.BAD_REQUEST, writeFails(FirmwareUpdateObject.PACKAGE, Value.ofOpaque("not a jar".getBytes())));
        assertEquals(0, state());
        assertEquals(6, result());
        assertFalse(Files.exists(dir.resolve("staged.jar")));
        assertFalse(Files.exists(dir.resolve("staged.jar.part")));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, executeUpdate());
        assertTrue(exits.isEmpty());
    }

    @Test
    public void aDamagedImageIsAnIntegrityFailure() throws Exception {
        start(true);
        assertEquals(ResponseCode.BAD_REQUEST, writeFails(FirmwareUpdateObject.PACKAGE,
                Value.ofOpaque(TestImages.withDamagedContent(TestImages.gatewayImage("0.2.0")))));
        assertEquals(0, state());
        assertEquals(5, result());
        assertFalse(Files.exists(dir.resolve("staged.jar")));
    }

    @Test
    public void writingAnEmptyPackageResetsToIdle() throws Exception {
        start(true);
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(new byte[] { 0 }));
        assertEquals(0, state());
        assertEquals(0, result());
        assertFalse(Files.exists(dir.resolve("staged.jar")));
    }

    @Test
    public void withoutTheSupervisorUpdateIsRefusedWithResult8AndThePackageStays() throws Exception {
        start(false);
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, executeUpdate());
        assertEquals(2, state());
        assertEquals(8, result());
        assertTrue(exits.isEmpty());
    }

    @Test
    public void theImageOnTrialIsConfirmedWhenTheGatewaysEndpointRegisters() throws Exception {
        start(true);
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        executeUpdate();
        object.deactivate();
        // the supervisor installs staged.jar and starts it on trial
        Files.move(dir.resolve("staged.jar"), dir.resolve("current.jar"));
        Files.writeString(dir.resolve("trial"), "since=now\n");
        start(true);
        assertEquals(3, state());
        object.registered("some-virtual-endpoint", java.net.URI.create("coap://127.0.0.1:5683"));
        assertEquals(3, state());
        assertFalse(Files.exists(dir.resolve("confirmed")));
        object.registered(GATEWAY, java.net.URI.create("coap://127.0.0.1:5683"));
        assertEquals(0, state());
        assertEquals(1, result());
        assertTrue(Files.exists(dir.resolve("confirmed")));
        start(true); // restarted before the supervisor saw the confirmation: still confirmed
        assertEquals(1, result());
        Files.delete(dir.resolve("trial")); // what the supervisor does once it sees it
        Files.delete(dir.resolve("confirmed"));
        start(true);
        assertEquals(0, state());
        assertEquals(1, result());
    }

    @Test
    public void aRollbackLeftByTheSupervisorIsReportedOnce() throws Exception {
        start(true);
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        executeUpdate();
        object.deactivate();
        Files.writeString(dir.resolve("outcome.properties"), "result=8\nreason=it did not register within 30 s\nimage=0.2.0\n");
        start(true);
        assertEquals(0, state());
        assertEquals(8, result());
        assertEquals("the previous image runs again", "0.1.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        assertFalse(Files.exists(dir.resolve("outcome.properties")));
    }

    @Test
    public void anUpdateThatNoSupervisorAppliedIsAFailureAtTheNextStart() throws Exception {
        start(true);
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(TestImages.gatewayImage("0.2.0")));
        executeUpdate();
        start(true); // restarted without trial nor outcome
        assertEquals(0, state());
        assertEquals(8, result());
    }

    @Test
    public void aPackageIsPulledFromAnHttpUri() throws Exception {
        byte[] image = TestImages.gatewayImage("0.4.0");
        serve("/gateway.jar", 200, image);
        start(true);
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of(url("/gateway.jar")));
        awaitState(2);
        assertEquals("0.4.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        assertEquals(url("/gateway.jar"), read(FirmwareUpdateObject.PACKAGE_URI).asString());
    }

    @Test
    public void aUriTheServerDoesNotHaveIsAnInvalidUri() throws Exception {
        serve("/gateway.jar", 200, TestImages.gatewayImage("0.4.0"));
        start(true);
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of(url("/missing.jar")));
        awaitResult(7);
        assertEquals(0, state());
    }

    @Test
    public void aPackageLargerThanTheLimitIsNotEnoughStorage() throws Exception {
        serve("/big.jar", 200, new byte[2 * 1024 * 1024]);
        start(true);
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of(url("/big.jar")));
        awaitResult(2);
        assertFalse(Files.exists(dir.resolve("staged.jar.part")));
    }

    @Test
    public void unsupportedSchemesAndMalformedUrisAreRefusedAtOnce() throws Exception {
        start(true);
        assertEquals(ResponseCode.BAD_REQUEST, writeFails(FirmwareUpdateObject.PACKAGE_URI, Value.of("coap://127.0.0.1/fw")));
        assertEquals(9, result());
        assertEquals(ResponseCode.BAD_REQUEST, writeFails(FirmwareUpdateObject.PACKAGE_URI, Value.of("http://[bad")));
        assertEquals(7, result());
        assertEquals(0, state());
    }

    @Test
    public void protocolsAndDeliveryMethodSayWhatIsSupported() throws Exception {
        start(true);
        Resource protocols = object.read(0, FirmwareUpdateObject.PROTOCOL_SUPPORT).toCompletableFuture().join();
        assertEquals(List.of(2L, 3L), protocols.instances().values().stream().map(Value::asLong).toList());
        assertEquals(2, read(FirmwareUpdateObject.DELIVERY_METHOD).asLong());
    }

    @Test
    public void aCoapDownloaderAddsCoapTo5_0_8AndPullsThroughIt() throws Exception {
        byte[] image = TestImages.gatewayImage("0.5.0");
        List<java.net.URI> asked = new CopyOnWriteArrayList<>();
        PackageDownloader coap = (uri, maxBytes) -> {
            asked.add(uri);
            return uri.getPath().equals("/fw.jar") ? CompletableFuture.completedFuture(image)
                    : CompletableFuture.failedFuture(new DownloadFailure(DownloadFailure.Kind.INVALID_URI, "4.04 Not Found"));
        };
        start(true);
        object.addDownloader(coap, Map.of(PackageDownloader.SCHEMES, "coap"));
        assertEquals(List.of(0L, 2L, 3L), protocols());
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of("coap://127.0.0.1:5699/missing.jar"));
        awaitResult(7);
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of("coap://127.0.0.1:5699/fw.jar"));
        awaitState(2);
        assertEquals("0.5.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        assertEquals(2, asked.size());
        assertEquals("coaps is not among them", ResponseCode.BAD_REQUEST,
                writeFails(FirmwareUpdateObject.PACKAGE_URI, Value.of("coaps://127.0.0.1:5684/fw.jar")));
        assertEquals("unsupported protocol", 9, result());

        object.removeDownloader(coap);
        assertEquals(List.of(2L, 3L), protocols());
    }

    @Test
    public void aCoapTransferThatBreaksOffIsConnectionLostAndATooLargeOneNotEnoughStorage() throws Exception {
        start(true);
        object.addDownloader((uri, maxBytes) -> CompletableFuture.failedFuture(new DownloadFailure(
                uri.getPath().equals("/big.jar") ? DownloadFailure.Kind.TOO_LARGE : DownloadFailure.Kind.CONNECTION_LOST, "as told")),
                Map.of(PackageDownloader.SCHEMES, new String[] { "coap" }));
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of("coap://127.0.0.1:5699/fw.jar"));
        awaitResult(4);
        write(FirmwareUpdateObject.PACKAGE_URI, Value.of("coap://127.0.0.1:5699/big.jar"));
        awaitResult(2);
        assertEquals(0, state());
        assertFalse(Files.exists(dir.resolve("staged.jar.part")));
    }

    private List<Long> protocols() {
        Resource protocols = object.read(0, FirmwareUpdateObject.PROTOCOL_SUPPORT).toCompletableFuture().join();
        return protocols.instances().values().stream().map(Value::asLong).toList();
    }

    // ---- helpers ----

    private void serve(String path, int status, byte[] body) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals(path);
            byte[] answer = found ? body : "not here".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(found ? status : 404, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        http.start();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private void awaitState(long expected) throws InterruptedException {
        awaitValue(FirmwareUpdateObject.STATE, expected);
    }

    private void awaitResult(long expected) throws InterruptedException {
        awaitValue(FirmwareUpdateObject.UPDATE_RESULT, expected);
    }

    private void awaitValue(int resource, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (read(resource).asLong() == expected && state() != 1) {
                return;
            }
            Thread.sleep(20);
        }
        fail("resource " + resource + " is " + read(resource) + ", not " + expected + " within 10 s (state " + state() + ")");
    }

    private static java.util.Properties props(Path file) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
