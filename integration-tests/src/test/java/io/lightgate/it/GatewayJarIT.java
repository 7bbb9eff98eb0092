/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The exported gateway.jar run as a user (or systemd) runs it: a separate JVM in its own
 * working directory, stdin closed, driven only through its folders and signals.
 */
public class GatewayJarIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path workDir;
    private Process process;
    private Thread reader;
    private final List<String> output = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "it", "gateway-jar")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
    }

    @After
    public void tearDown() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void start(String... systemProperties) throws IOException {
        String jar = System.getProperty("lightgate.gateway.jar");
        assertTrue("gateway.jar exported before the tests: " + jar, jar != null && new File(jar).isFile());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(systemProperties));
        command.add("-jar");
        command.add(jar);
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[gateway] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    private String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                for (String line : output) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
            }
            assertTrue("gateway exited early:\n" + String.join("\n", snapshot()), process.isAlive());
            Thread.sleep(50);
        }
        throw new AssertionError("No log line containing '" + fragment + "' within " + WAIT.toSeconds() + " s:\n" + String.join("\n", snapshot()));
    }

    private List<String> snapshot() {
        synchronized (output) {
            return List.copyOf(output);
        }
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
            assertTrue(process.toHandle().destroy());
            leshan.awaitDeregistration("jar-lwm2m", WAIT);
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
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
        assertFalse("SLF4J found its backend (no NOP logger)", String.join("\n", snapshot()).contains("NOP"));
        assertTrue("framework cache under data/", Files.isDirectory(workDir.resolve("data/cache")));

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
        // SIGTERM through the handle: Process.destroy() would also close our end of its stdout
        assertTrue(process.toHandle().destroy());
        assertTrue("exited within " + WAIT.toSeconds() + " s after SIGTERM", process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        reader.join(WAIT.toMillis()); // all output read
        String all = String.join("\n", snapshot());
        assertTrue(all, all.contains("Shutdown requested"));
        assertTrue(all, all.contains("Object registry stopped"));
        assertTrue(all, all.contains("Gateway stopped."));
        assertTrue("exit status after SIGTERM: " + process.exitValue(), process.exitValue() == 143 || process.exitValue() == 0);
    }
}
