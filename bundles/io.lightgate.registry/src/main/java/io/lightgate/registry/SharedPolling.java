/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.object.Polling;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Polling} on one thread for all object bundles (before, each bundle that polled the host
 * ran a thread of its own). Each run is guarded: a task that throws is logged with its name and
 * keeps its schedule, one that takes longer than {@value #SLOW_MS} ms is named in a warning (it
 * holds up the others). Tasks of a bundle that stops are closed by the bundle; those left open end
 * with this component.
 */
@Component(service = Polling.class)
public final class SharedPolling implements Polling {

    static final long SLOW_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(SharedPolling.class);

    private final ScheduledThreadPoolExecutor scheduler;
    private final LongSupplier nanoTime;

    @Activate
    public SharedPolling() {
        this(System::nanoTime);
    }

    SharedPolling(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lightgate-polling");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a closed task leaves nothing queued
    }

    @Override
    public Polled every(Duration period, String what, Runnable task) {
        long nanos = Math.max(1, period.toNanos());
        Scheduled scheduled = new Scheduled(what, task);
        scheduled.future = scheduler.scheduleWithFixedDelay(scheduled::run, nanos, nanos, TimeUnit.NANOSECONDS);
        return scheduled;
    }

    /** One task: closing it waits for a run in progress, so once closed it never runs again. */
    private final class Scheduled implements Polled {
        private final String what;
        private final Runnable task;
        private final ReentrantLock running = new ReentrantLock();
        private volatile boolean closed;
        private volatile @Nullable ScheduledFuture<?> future;

        Scheduled(String what, Runnable task) {
            this.what = what;
            this.task = task;
        }

        void run() {
            running.lock();
            try {
                if (!closed) {
                    runGuarded(what, task);
                }
            } finally {
                running.unlock();
            }
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            running.lock(); // a run in progress ends first (reentrant: a task may close itself)
            running.unlock();
        }
    }

    /** One run: whatever the task does, the schedule goes on. */
    void runGuarded(String what, Runnable task) {
        long start = nanoTime.getAsLong();
        try {
            task.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Polling '{}' failed ({}); it runs again at its next time", what, e.toString(), e);
        }
        long ms = (nanoTime.getAsLong() - start) / 1_000_000;
        if (ms > SLOW_MS) {
            LOG.warn("Polling '{}' took {} ms and held up every other bundle's polling meanwhile: its bundle should do slow work "
                    + "on a thread of its own", what, ms);
        }
    }

    @Deactivate
    public void deactivate() {
        scheduler.shutdownNow();
    }
}
