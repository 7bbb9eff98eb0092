/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The native exec, for real: a JVM of its own replaces itself by a shell, which reports its PID,
 * signal mask, open descriptors and environment.
 */
public class InPlaceExecTest {

    /** The child JVM: opens a file (no close-on-exec from Java), prints its PID, then becomes sh. */
    public static void main(String[] args) throws Exception {
        @SuppressWarnings("resource")
        FileInputStream leak = new FileInputStream("/proc/self/status"); // would stay open in sh without close-on-exec
        System.out.println("java pid " + ProcessHandle.current().pid() + " fd " + leak.getFD().valid());
        System.out.flush();
        String script = "echo \"sh pid $$\"; grep SigBlk /proc/self/status; echo \"fds $(ls /proc/self/fd | wc -l)\"; echo \"var $PROBE\"";
        String failure = InPlaceExec.exec(Path.of("/bin/sh"), List.of("sh", "-c", script), Map.of("PROBE", "passed", "PATH", "/usr/bin:/bin"));
        System.out.println("failed: " + failure);
        System.exit(3);
    }

    @Test
    public void theProcessBecomesTheProgramWithItsPidStreamsAndNoJvmLeftovers() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InPlaceExecTest.class.getName()).redirectErrorStream(true).start();
        assertTrue("exited", child.waitFor(30, TimeUnit.SECONDS));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(out, 0, child.exitValue());
        assertTrue(out, out.contains("java pid " + child.pid() + " fd true"));
        assertTrue("the same process, through the same stdout: " + out, out.contains("sh pid " + child.pid()));
        assertTrue("no signal blocked: " + out, out.matches("(?s).*SigBlk:\\s+0+\\n.*"));
        assertTrue("stdin, stdout, stderr and ls's own directory only: " + out, out.contains("fds 4"));
        assertTrue("the environment given: " + out, out.contains("var passed"));
    }
}
