/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The supervisor bin/lightgate on its own, in seconds: a small shell script stands in for java and
 * runs the "image" after -jar, itself a shell script, so each case can make an image do what a
 * gateway might (ask for the update, confirm, exit at once). FirmwareUpdateIT runs the real jar.
 */
public class SupervisorScriptIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // the gateway's part: exit 10 when the test asks for the update (bounded: 120 s at most)
    private static final String RUNS_UNTIL_UPDATE = "i=0\nwhile [ $i -lt 600 ]; do\n"
            + "  if [ -f update-now ]; then rm -f update-now; exit 10; fi\n  sleep 0.2; i=$((i+1))\ndone\n";

    private Path workDir;
    private Path firmware;
    private GatewayProcess supervisor;

    @Before
    public void setUp() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "it", "supervisor")).toAbsolutePath();
        try (var walk = Files.walk(workDir)) {
            walk.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(workDir)).forEach(p -> p.toFile().delete());
        }
        firmware = workDir.resolve("data/firmware");
        Path fakeJava = Files.writeString(workDir.resolve("fake-java"), "#!/bin/sh\n# stands in for java: runs the image after -jar\n"
                + "opts=\nwhile [ $# -gt 0 ] && [ \"$1\" != -jar ]; do opts=\"$opts $1\"; shift; done\n"
                + "echo \"java options:$opts; malloc arenas ${MALLOC_ARENA_MAX:-unset}\"\nexec sh \"$2\"\n");
        Files.setPosixFilePermissions(fakeJava, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        image("shipped.jar", "echo 'image v1 running'\n" + RUNS_UNTIL_UPDATE);
    }

    @After
    public void tearDown() throws InterruptedException {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Path image(String name, String script) throws IOException {
        return Files.writeString(workDir.resolve(name), script);
    }

    private void start(String watchdogSeconds) throws IOException {
        start(watchdogSeconds, Map.of());
    }

    private void start(String watchdogSeconds, Map<String, String> moreEnvironment, String... jvmOptions) throws IOException {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("LIGHTGATE_JAR", workDir.resolve("shipped.jar").toString(), "JAVA",
                workDir.resolve("fake-java").toString(), "LIGHTGATE_WATCHDOG_S", watchdogSeconds, "LIGHTGATE_STOP_S", "5"));
        environment.putAll(moreEnvironment);
        supervisor = GatewayProcess.startSupervised(workDir, environment, jvmOptions);
    }

    @Test
    public void theJvmGetsTheSmallGatewayDefaultsBeforeItsArgumentsUnlessReplaced() throws Exception {
        start("60", Map.of(), "-Xmx512m");
        supervisor.awaitLine("java options: -XX:+UseSerialGC -Xms20m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss512k"
                + " -XX:TieredStopAtLevel=1 -Xmx512m -Dlightgate.data=data", WAIT);
        if (System.getenv("MALLOC_ARENA_MAX") == null) {
            supervisor.awaitLine("; malloc arenas 2", WAIT);
        }
        assertTrue(supervisor.stop(WAIT));

        // the JVM's own settings: the jar is told not to restart on a small gateway's (io.lightgate.launcher)
        start("60", Map.of("LIGHTGATE_JAVA_DEFAULTS", ""), "-Dlightgate.endpoint=x");
        supervisor.awaitLine("java options: -Dlightgate.endpoint=x -Dlightgate.data=data -Dlightgate.supervisor=bin/lightgate -Dlightgate.jvm=keep",
                WAIT);
        assertTrue(supervisor.stop(WAIT));

        start("60", Map.of("LIGHTGATE_JAVA_DEFAULTS", "-XX:+UseZGC -Xmx1g"));
        supervisor.awaitLine("java options: -XX:+UseZGC -Xmx1g -Dlightgate.data=data", WAIT);
        assertTrue(supervisor.stop(WAIT));
    }

    private void update(String stagedScript) throws IOException {
        image("staged.tmp", stagedScript);
        Files.move(workDir.resolve("staged.tmp"), firmware.resolve("staged.jar"));
        Files.createFile(workDir.resolve("update-now"));
    }

    @Test
    public void anImageThatExitsBeforeItRegistersIsRolledBack() throws Exception {
        start("60");
        supervisor.awaitLine("image v1 running", WAIT);
        assertTrue(Files.readString(firmware.resolve("current.jar")).contains("image v1"));
        update("echo 'image v2 running'\nexit 3\n");
        supervisor.awaitLine("it exited with code 3 before it registered with an LwM2M server; rolling back", WAIT);
        supervisor.awaitLines("image v1 running", 2, WAIT);
        Properties outcome = properties(firmware.resolve("outcome.properties"));
        assertEquals("8", outcome.getProperty("result"));
        assertEquals("it exited with code 3 before it registered with an LwM2M server", outcome.getProperty("reason"));
        assertTrue(Files.readString(firmware.resolve("current.jar")).contains("image v1"));
        assertTrue(Files.readString(firmware.resolve("rejected.jar")).contains("image v2"));
        assertFalse(Files.exists(firmware.resolve("trial")));
        assertTrue(supervisor.stop(WAIT));
    }

    @Test
    public void anImageThatConfirmsStaysAndThePreviousOneIsKept() throws Exception {
        start("60");
        supervisor.awaitLine("image v1 running", WAIT);
        update("echo 'image v2 running'\n[ -f data/firmware/trial ] && : > data/firmware/confirmed\n" + RUNS_UNTIL_UPDATE);
        supervisor.awaitLine("[lightgate] the new image registered with its LwM2M server", WAIT);
        assertFalse(Files.exists(firmware.resolve("trial")));
        assertFalse(Files.exists(firmware.resolve("confirmed")));
        assertFalse(Files.exists(firmware.resolve("outcome.properties")));
        assertTrue(Files.readString(firmware.resolve("current.jar")).contains("image v2"));
        assertTrue(Files.readString(firmware.resolve("previous.jar")).contains("image v1"));
        assertTrue(supervisor.stop(WAIT));
        assertEquals("the supervisor ends with the gateway's code (SIGTERM)", 143, supervisor.exitValue());
    }

    @Test
    public void aTrialStoppedBySigtermGoesOnAtTheNextStartAndTheWatchdogRollsBack() throws Exception {
        start("60");
        supervisor.awaitLine("image v1 running", WAIT);
        update("echo 'image v2 running'\n" + RUNS_UNTIL_UPDATE); // never confirms
        supervisor.awaitLine("image v2 running", WAIT);
        assertTrue(supervisor.stop(WAIT));
        assertTrue("still on trial", Files.exists(firmware.resolve("trial")));

        start("2");
        supervisor.awaitLine("did not register within 2 s", WAIT);
        supervisor.awaitLine("image v1 running", WAIT);
        assertEquals("8", properties(firmware.resolve("outcome.properties")).getProperty("result"));
        assertTrue(Files.readString(firmware.resolve("current.jar")).contains("image v1"));
        assertTrue(supervisor.stop(WAIT));
    }

    @Test
    public void aReplacedShippedJarBecomesTheCurrentImage() throws Exception {
        start("60");
        supervisor.awaitLine("image v1 running", WAIT);
        assertTrue(supervisor.stop(WAIT));
        image("shipped.jar", "echo 'image v3 running'\n" + RUNS_UNTIL_UPDATE);
        start("60");
        supervisor.awaitLine("image v3 running", WAIT);
        assertTrue(supervisor.lines().stream().anyMatch(l -> l.contains("was replaced: it becomes the current image")));
        assertTrue(Files.readString(firmware.resolve("previous.jar")).contains("image v1"));
        assertTrue(supervisor.stop(WAIT));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
