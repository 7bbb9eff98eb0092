/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A real kill -9 ({@link Process#destroyForcibly()}, SIGKILL) of a JVM that stores notifications
 * with the 50-ms group commit ({@link StoredNotificationsKillChild}), at a random point, three
 * times on the same folder: every value whose append had returned in the killed process is in
 * the store when it opens again, in order, none twice, and none that a returned removal took.
 */
public class StoredNotificationsKillTest {

    private record Reported(int appended, long lastAppended, long lastRemoved) {
    }

    private static Reported reported(Path out) throws IOException {
        String text = Files.readString(out, StandardCharsets.US_ASCII);
        int appended = 0;
        long lastAppended = -1;
        long lastRemoved = -1;
        int lineStart = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; lineStart = nl + 1, nl = text.indexOf('\n', lineStart)) {
            String line = text.substring(lineStart, nl);
            if (line.startsWith("A ")) {
                lastAppended = Long.parseLong(line.substring(2));
                appended++;
            } else if (line.startsWith("R ")) {
                lastRemoved = Long.parseLong(line.substring(2));
            }
        }
        return new Reported(appended, lastAppended, lastRemoved);
    }

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aKillMinus9LosesNoValueWhoseAppendReturned() throws Exception {
        Path folder = temp.getRoot().toPath().resolve("lwm2m").resolve("state");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long next = 0;
        for (int round = 0; round < 3; round++) {
            int killAfter = 300 + random.nextInt(3_000); // appends reported before the kill
            Path log = temp.getRoot().toPath().resolve("child-" + round + ".log");
            // a file, not a pipe: what the child wrote is all there after the kill (a pipe's last bytes can be lost to the reaper's close)
            Path out = temp.getRoot().toPath().resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp",
                    System.getProperty("java.class.path"), StoredNotificationsKillChild.class.getName(), folder.toString(), Long.toString(next),
                    "1000000").redirectOutput(out.toFile()).redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (int polls = 0; reported(out).appended() < killAfter; polls++) {
                    if (!child.isAlive() || System.nanoTime() > deadline || polls > 6_000) {
                        fail("round " + round + " (seed " + seed + "): the child stopped or stalled after " + reported(out).appended()
                                + " values; its log: " + Files.readString(log));
                    }
                    Thread.sleep(10); // polling the file, no timing asserted
                }
            } finally {
                child.destroyForcibly();
                assertTrue("the child is gone", child.waitFor(30, TimeUnit.SECONDS));
            }
            // each line was written after the call it reports returned; a line cut by the kill is left out
            Reported reported = reported(out);
            long lastAppended = reported.lastAppended();
            long lastRemoved = reported.lastRemoved();
            assertEquals("SIGKILL", 137, child.exitValue());

            List<Long> stored = new ArrayList<>();
            try (ClientStateStore store = new ClientStateStore(folder)) {
                store.storedBatch("gw", 1, StoredNotificationsKillChild.SERVER, 10_000_000).values().forEach(v -> stored.add(v.value().asLong()));
            }
            String what = "round " + round + " (seed " + seed + "), last appended " + lastAppended + ", removed up to " + lastRemoved
                    + ", stored " + (stored.isEmpty() ? "none" : stored.get(0) + ".." + stored.get(stored.size() - 1) + " (" + stored.size() + ")");
            assertTrue(what, !stored.isEmpty());
            for (int i = 1; i < stored.size(); i++) {
                assertEquals("in order, none twice, none missing: " + what, stored.get(i - 1) + 1, (long) stored.get(i));
            }
            long first = stored.get(0);
            long last = stored.get(stored.size() - 1);
            assertTrue("every value whose append returned is kept: " + what, last >= lastAppended);
            assertTrue("at most the one whose append had not returned comes after: " + what, last <= lastAppended + 1);
            assertTrue("nothing a returned removal took comes back: " + what, first > lastRemoved);
            assertTrue("only a removal that had not returned took more: " + what,
                    first <= Math.max(lastRemoved + 1, lastAppended + 2 - StoredNotificationsKillChild.KEEP));
            next = last + 1;
        }
    }
}
