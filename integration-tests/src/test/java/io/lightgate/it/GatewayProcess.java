/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exported gateway.jar as a separate JVM in its own working directory, stdin closed, its
 * output collected (and echoed with a [gateway] prefix) so tests can wait for log lines.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final List<String> output = new ArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
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

    static GatewayProcess start(Path workDir, String... systemProperties) throws IOException {
        String jar = System.getProperty("lightgate.gateway.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new AssertionError("gateway.jar must be exported before the tests: " + jar);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(systemProperties));
        command.add("-jar");
        command.add(jar);
        return new GatewayProcess(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
    }

    /**
     * The gateway as a service runs it: through the supervisor bin/lightgate (its path in the system
     * property lightgate.supervisor.script), with LIGHTGATE_JAR the exported jar, JAVA this JVM's java
     * and the given environment (e.g. LIGHTGATE_WATCHDOG_S); the arguments are the JVM options.
     */
    static GatewayProcess startSupervised(Path workDir, java.util.Map<String, String> environment, String... jvmOptions) throws IOException {
        String jar = System.getProperty("lightgate.gateway.jar");
        String script = System.getProperty("lightgate.supervisor.script");
        if (jar == null || !new File(jar).isFile() || script == null || !new File(script).isFile()) {
            throw new AssertionError("gateway.jar and bin/lightgate are needed: " + jar + ", " + script);
        }
        List<String> command = new ArrayList<>(List.of("sh", script));
        command.addAll(List.of(jvmOptions));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LIGHTGATE_JAR", jar);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().putAll(environment);
        return new GatewayProcess(pb.start());
    }

    /** The first log line containing the fragment (bounded wait; fails if the gateway exits). */
    String awaitLine(String fragment, Duration timeout) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<String> found = new java.util.concurrent.atomic.AtomicReference<>();
        boolean seen = GatewayTestSupport.holdsWithin(timeout, () -> {
            lines().stream().filter(l -> l.contains(fragment)).findFirst().ifPresent(found::set);
            if (found.get() == null && !process.isAlive()) {
                throw new AssertionError("gateway exited early:\n" + String.join("\n", lines()));
            }
            return found.get() != null;
        });
        if (!seen) {
            throw new AssertionError("No log line containing '" + fragment + "' within " + timeout.toSeconds() + " s:\n" + String.join("\n", lines()));
        }
        return found.get();
    }

    /** Waits until this many log lines contain the fragment (bounded; fails if the process exits first). */
    void awaitLines(String fragment, int count, Duration timeout) throws InterruptedException {
        boolean seen = GatewayTestSupport.holdsWithin(timeout, () -> {
            if (lines().stream().filter(l -> l.contains(fragment)).count() >= count) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process exited early:\n" + String.join("\n", lines()));
            }
            return false;
        });
        if (!seen) {
            throw new AssertionError(count + " lines containing '" + fragment + "' expected within " + timeout.toSeconds() + " s:\n"
                    + String.join("\n", lines()));
        }
    }

    List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /**
     * SIGTERM, as systemd stops it; true when it exited in time, and then all its output has been
     * read. (Through the handle: Process.destroy() would also close our end of its stdout.)
     */
    boolean stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            reader.join(timeout.toMillis());
        }
        return exited;
    }

    /** kill -9: no shutdown hook, no de-registration, nothing flushed. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // a supervisor's gateway too
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The gateway's threads (jcmd Thread.print), for a failure that looks like a stall. */
    String threadDump() {
        return jcmd("Thread.print");
    }

    /** What the JDK's jcmd answers for the gateway's JVM, as a user looks into it from outside. */
    String jcmd(String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), command).redirectErrorStream(true).start();
            byte[] out = jcmd.getInputStream().readAllBytes();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no " + command + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no " + command + ": interrupted";
        }
    }

    /** The gateway's process: the one started, also after the jar restarted the JVM in place. */
    long pid() {
        return process.pid();
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(Duration.ofSeconds(20))) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // a supervisor's gateway too
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
