/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Feature packages pushed to the object: composed with the running image and staged, or refused with nothing changed. */
public class FeatureUpdateTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private Path runningJar;
    private List<RunningBundle> running;
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private FirmwareUpdateObject object;

    @Before
    public void setUp() throws IOException {
        dir = tmp.getRoot().toPath().resolve("data/firmware");
        byte[] api = TestFeatures.bundle("io.lightgate.api", "0.1.0", Map.of("Export-Package", "io.lightgate.api;version=\"0.1.0\""));
        Map<String, byte[]> bundles = new LinkedHashMap<>();
        bundles.put("jar/io.lightgate.api-0.1.0.jar", api);
        runningJar = Files.write(tmp.getRoot().toPath().resolve("current.jar"), TestFeatures.image("0.1.0", bundles));
        running = List.of(TestFeatures.system(), TestFeatures.running(api));
        GatewayImage image = GatewayImage.describe(runningJar).orElseThrow();
        object = new FirmwareUpdateObject(config(), dir, () -> "gw-1", Optional.of(image), true,
                Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC), (code, delay, reason) -> exits.add(code),
                Optional.of(runningJar), () -> running);
    }

    @After
    public void tearDown() {
        object.deactivate();
    }

    @Test
    public void aFeatureIsComposedWithTheRunningImageAndStagedForUpdate() throws Exception {
        byte[] feature = TestFeatures.feature("name=heap\nversion=1.0.0\n", Map.of("heap.jar", TestFeatures.bundle("com.example.heap", "1.0.0",
                Map.of("Import-Package", "io.lightgate.api;version=\"[0.1,1)\""))));
        write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(feature));

        awaitState(2); // Downloaded once the image is composed, on the download thread
        assertEquals(0, read(FirmwareUpdateObject.UPDATE_RESULT).asLong());
        assertEquals("heap", read(FirmwareUpdateObject.PKG_NAME).asString());
        assertEquals("1.0.0", read(FirmwareUpdateObject.PKG_VERSION).asString());
        assertEquals("only the staged image and the state", Set.of("staged.jar", "state.properties"), files());
        GatewayImage staged = GatewayImage.verify(dir.resolve("staged.jar"));
        assertEquals("0.1.0+heap-1.0.0", staged.version());
        assertEquals(List.of("io.lightgate.api", "com.example.heap"),
                ImageComposer.bundles(dir.resolve("staged.jar")).stream().map(ImageComposer.ImageBundle::symbolicName).toList());

        object.execute(0, FirmwareUpdateObject.UPDATE, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(List.of(FirmwareUpdateObject.EXIT_UPDATE), exits);
    }

    @Test
    public void aFeaturePulledOverHttpIsComposedAndStagedLikeAPushedOne() throws Exception {
        byte[] feature = TestFeatures.feature("name=pulled\nversion=2\n", Map.of("p.jar", TestFeatures.bundle("com.example.pulled", "1.0.0",
                Map.of("Import-Package", "io.lightgate.api"))));
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/feature.zip", exchange -> {
            exchange.sendResponseHeaders(200, feature.length);
            try (var out = exchange.getResponseBody()) {
                out.write(feature);
            }
        });
        http.start();
        try {
            write(FirmwareUpdateObject.PACKAGE_URI, Value.of("http://127.0.0.1:" + http.getAddress().getPort() + "/feature.zip"));
            awaitState(2);
        } finally {
            http.stop(0);
        }
        assertEquals("pulled", read(FirmwareUpdateObject.PKG_NAME).asString());
        assertEquals("0.1.0+pulled-2", GatewayImage.verify(dir.resolve("staged.jar")).version());
        assertEquals(Set.of("staged.jar", "state.properties"), files());
    }

    @Test
    public void anUnresolvableFeatureIsRefusedWithResult6AndNothingChanges() throws Exception {
        byte[] before = Files.readAllBytes(runningJar);
        byte[] feature = TestFeatures.feature("name=bad\nversion=1\n", Map.of("x.jar", TestFeatures.bundle("test.unresolvable", "1.0.0",
                Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""))));
        try {
            write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(feature));
            fail("accepted");
        } catch (CompletionException e) {
            assertEquals(ResponseCode.BAD_REQUEST, ((LwM2mException) e.getCause()).code());
        }
        assertEquals("Idle", 0, read(FirmwareUpdateObject.STATE).asLong());
        assertEquals("unsupported package type", 6, read(FirmwareUpdateObject.UPDATE_RESULT).asLong());
        assertEquals(Set.of("state.properties"), files());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(runningJar)));
    }

    @Test
    public void withoutARunningImageAFeatureIsRefused() throws Exception {
        object.deactivate();
        object = new FirmwareUpdateObject(config(), dir, () -> "gw-1", Optional.empty(), true, Clock.systemUTC(),
                (code, delay, reason) -> exits.add(code));
        byte[] feature = TestFeatures.feature("name=heap\nversion=1\n", Map.of("heap.jar", TestFeatures.bundle("com.example.heap", "1.0.0", Map.of())));
        try {
            write(FirmwareUpdateObject.PACKAGE, Value.ofOpaque(feature));
            fail("accepted");
        } catch (CompletionException e) {
            assertEquals(ResponseCode.BAD_REQUEST, ((LwM2mException) e.getCause()).code());
        }
        assertEquals(6, read(FirmwareUpdateObject.UPDATE_RESULT).asLong());
        assertEquals(Set.of("state.properties"), files());
    }

    private void awaitState(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = read(FirmwareUpdateObject.STATE).asLong();
            if (last == expected) {
                return;
            }
            Thread.sleep(20);
        }
        fail("State is " + last + ", not " + expected);
    }

    private Set<String> files() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private Value read(int resource) {
        return object.read(0, resource).toCompletableFuture().join().value();
    }

    private void write(int resource, Value value) {
        object.write(0, List.of(Resource.of(resource, value)), WriteMode.REPLACE).toCompletableFuture().join();
    }

    private static FirmwareConfig config() {
        return new FirmwareConfig() {
            @Override public Class<? extends Annotation> annotationType() { return FirmwareConfig.class; }
            @Override public long exitDelayMillis() { return 0; }
            @Override public long downloadTimeoutSeconds() { return 10; }
            @Override public long maxPackageBytes() { return 1024 * 1024; }
        };
    }
}
