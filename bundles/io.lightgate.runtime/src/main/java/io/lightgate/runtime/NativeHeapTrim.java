/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.JMException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands memory the C library keeps after {@code free} back to the system: starting the gateway
 * (installing and resolving bundles, parsing models, class loading) leaves megabytes of freed
 * native memory in glibc's arenas, counted in the process's resident memory for good (8 MB of an
 * idle gateway's 101 MB on the machine of benchmarks/README.md). The JVM's diagnostic command
 * {@code System.trim_native_heap} (JDK 17.0.9 and later, Linux with glibc) returns it; it runs a
 * few seconds after the start, then every few minutes, on the JDK's delay scheduler (no thread of
 * its own). Where the command does not exist it is never tried again. {@value IdleHeap#PROPERTY}
 * {@code =false} turns it off with the heap give-back.
 */
final class NativeHeapTrim {

    static final long FIRST_AFTER_SECONDS = 5;
    static final long THEN_EVERY_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeapTrim.class);

    private final Supplier<@Nullable String> trim;
    private volatile boolean stopped;

    NativeHeapTrim(Supplier<@Nullable String> trim) {
        this.trim = trim;
    }

    /** The JVM's trim command; answers its report, or null where the JVM has no such command. */
    static NativeHeapTrim ofThisJvm() {
        return new NativeHeapTrim(NativeHeapTrim::runDiagnosticCommand);
    }

    /** Trims {@value #FIRST_AFTER_SECONDS} s from now, then every {@value #THEN_EVERY_SECONDS} s until {@link #stop()}. */
    void start() {
        after(FIRST_AFTER_SECONDS, true);
    }

    void stop() {
        stopped = true;
    }

    private void after(long seconds, boolean first) {
        Later.after(seconds, TimeUnit.SECONDS).execute(() -> {
            if (!stopped && trimNow(first)) {
                after(THEN_EVERY_SECONDS, false);
            }
        });
    }

    /** One trim; false when the JVM cannot (nothing more is tried). */
    boolean trimNow(boolean first) {
        String report;
        try {
            report = trim.get();
        } catch (RuntimeException e) {
            LOG.debug("Native heap not trimmed: {}", e.toString());
            return false;
        }
        if (report == null) {
            LOG.debug("This JVM cannot trim the native heap (System.trim_native_heap: JDK 17.0.9 or later on Linux)");
            return false;
        }
        String what = report.strip();
        if (first) {
            LOG.info("Memory freed during the start returned to the system ({}); again every {} s", what, THEN_EVERY_SECONDS);
        } else {
            LOG.debug("{}", what);
        }
        return true;
    }

    private static @Nullable String runDiagnosticCommand() {
        try {
            return DiagnosticCommands.run("systemTrimNativeHeap");
        } catch (JMException e) {
            return null;
        }
    }
}
