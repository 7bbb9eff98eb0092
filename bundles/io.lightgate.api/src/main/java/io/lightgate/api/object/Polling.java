/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's scheduler for the small periodic work of object bundles: reading the host again,
 * taking a sample, looking whether something changed and telling the registry. One thread serves
 * every bundle, so a bundle that polls adds no thread to the gateway. A task must be short
 * (milliseconds: a file under /sys or /proc, a computation) and must not wait on a network or a
 * lock held elsewhere; slow work belongs on a thread of the bundle's own. A task that throws is
 * logged and runs again at its next time; a task that takes longer than a second is logged as such.
 *
 * <pre>{@code
 * @Activate
 * public FreezerTemperature(@Reference Polling polling) {
 *     super(SensorInstance.builder(0).units("Cel").build());
 *     sampling = polling.every(Duration.ofSeconds(5), "freezer temperature", () -> report(0, probe.read()));
 * }
 * @Deactivate
 * void deactivate() {
 *     sampling.close();
 * }
 * }</pre>
 */
@ProviderType
public interface Polling {

    /**
     * Runs {@code task} every {@code period}, the first time one period from now, with a fixed delay
     * between the end of one run and the start of the next, until the answer is closed.
     * {@code what} names the task in the log.
     */
    Polled every(Duration period, String what, Runnable task);

    /** A task that {@link Polling#every} runs; once {@code close} returns it does not run again (a run in progress is waited for). */
    interface Polled extends AutoCloseable {
        @Override
        void close();
    }
}
