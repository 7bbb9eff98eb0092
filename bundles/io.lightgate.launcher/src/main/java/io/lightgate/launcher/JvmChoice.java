/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The exported jar's Launcher-Agent-Class: runs in {@code java -jar gateway.jar} before the gateway's
 * launcher. A JVM started with the JVM's own defaults (on 2 cores: G1 with its 8 threads, C2, a heap
 * sized from the machine's memory) restarts in place on the settings of a small gateway, as
 * bin/lightgate starts it; see {@link RestartPlan} for when it does not. A running JVM cannot
 * change these settings, hence the restart, which costs the start of a JVM (some 0.1 s).
 */
public final class JvmChoice {

    /** Read by the runtime bundle, which logs why the JVM runs as started (the log is not set up yet here)... */
    static final String KEPT = "lightgate.jvm.kept";
    /** ...as a warning when this is "true": the property was misspelt or the restart failed. */
    static final String KEPT_WARNING = "lightgate.jvm.kept.warning";

    // classes, not lambdas: the first lambda of a JVM spins classes at run time (some 10 ms of the JVM that only restarts)
    private static final Supplier<List<String>> COMMAND_LINE = new Supplier<>() {
        @Override
        public List<String> get() {
            return commandLine();
        }
    };
    private static final Function<String, String> SYSTEM_PROPERTY = new Function<>() {
        @Override
        public String apply(String name) {
            return System.getProperty(name);
        }
    };

    private JvmChoice() {
    }

    private static List<String> commandLine() {
        try {
            // java.io, not java.nio.file: NIO's first channel loads and sets up the JDK's network library
            try (FileInputStream in = new FileInputStream("/proc/self/cmdline")) {
                return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        RestartPlan.Decision decision;
        try {
            decision = RestartPlan.decide(COMMAND_LINE, System.getenv(), SYSTEM_PROPERTY);
        } catch (RuntimeException e) { // an agent that throws would end the JVM before the gateway starts
            decision = new RestartPlan.Keep("cannot read this process's command line: "
                    + (e instanceof UncheckedIOException io ? io.getCause() : e), false);
        }
        if (decision instanceof RestartPlan.Restart restart) {
            String failure;
            try {
                failure = InPlaceExec.exec(Path.of("/proc/self/exe").toRealPath(), restart.argv(), restart.environment());
            } catch (Exception e) {
                failure = e.toString();
            }
            decision = new RestartPlan.Keep("the restart failed: " + failure, true);
        }
        RestartPlan.Keep keep = (RestartPlan.Keep) decision;
        if (keep.why() != null) {
            System.setProperty(KEPT, keep.why());
            System.setProperty(KEPT_WARNING, Boolean.toString(keep.misconfigured()));
        }
    }
}
