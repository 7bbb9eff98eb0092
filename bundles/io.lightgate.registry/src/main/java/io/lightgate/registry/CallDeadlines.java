/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Fails object calls with a {@link TimeoutException} a fixed time after they were queued, with one
 * timer task per sweep rather than one per call. ({@code CompletableFuture.orTimeout} schedules a
 * task on the JDK's delay scheduler for every call, wakes that scheduler's thread to do so and
 * cancels the task again when the call answers: a thread hand-off for each of thousands of reads
 * a second.) Every call gets the same timeout, so calls tracked in order are due in order: a sweep
 * drops answered calls and fails due ones from the head and stops at the first one still running
 * and not due. A call so fails at most one sweep period after its deadline.
 */
final class CallDeadlines {

    /** Runs a task after a delay; the task must not block. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayNanos);

        /** The JDK's shared delay scheduler, the task run on its own thread (no pool hop for a short sweep). */
        static Timer jdk() {
            return (task, delayNanos) -> CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, Runnable::run)
                    .execute(task);
        }
    }

    private record Tracked(long dueNanos, CompletableFuture<?> call) {
    }

    private final long timeoutNanos;
    private final long sweepNanos;
    private final LongSupplier nanoClock;
    private final Timer timer;
    private final Queue<Tracked> tracked = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    /**
     * @param timeout how long a call may take, counted from {@link #track}
     * @param nanoClock {@link System#nanoTime} in production
     */
    CallDeadlines(Duration timeout, LongSupplier nanoClock, Timer timer) {
        this.timeoutNanos = Math.max(1, timeout.toNanos());
        // a twentieth of the timeout, at most 100 ms: 5 s calls fail within 5.1 s, and an idle registry sweeps never
        this.sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeoutNanos / 20, TimeUnit.MILLISECONDS.toNanos(100)));
        this.nanoClock = nanoClock;
        this.timer = timer;
    }

    /** Fails {@code call} with a TimeoutException unless it completes within the timeout from now. */
    <T> CompletableFuture<T> track(CompletableFuture<T> call) {
        if (call.isDone()) {
            return call; // refused or answered on the spot
        }
        tracked.add(new Tracked(nanoClock.getAsLong() + timeoutNanos, call));
        if (sweepScheduled.compareAndSet(false, true)) {
            timer.schedule(this::sweepAndReschedule, sweepNanos);
        }
        return call;
    }

    private void sweepAndReschedule() {
        sweep();
        sweepScheduled.set(false);
        // a call tracked between the sweep and the flag's reset found the flag still set: look again
        if (!tracked.isEmpty() && sweepScheduled.compareAndSet(false, true)) {
            timer.schedule(this::sweepAndReschedule, sweepNanos);
        }
    }

    /** Drops answered calls and fails due ones from the head; the number of calls it failed. */
    int sweep() {
        long now = nanoClock.getAsLong();
        int failed = 0;
        for (Tracked head = tracked.peek(); head != null; head = tracked.peek()) {
            if (!head.call().isDone() && head.dueNanos() - now > 0) {
                break; // the calls behind it were tracked later: none is due yet
            }
            tracked.poll();
            if (head.call().completeExceptionally(new TimeoutException())) {
                failed++;
            }
        }
        return failed;
    }

    /** Calls tracked and not yet swept (answered ones included until a sweep reaches them). */
    int size() {
        return tracked.size();
    }
}
