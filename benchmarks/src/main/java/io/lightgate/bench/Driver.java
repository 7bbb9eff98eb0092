/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Changes /4/0/2 of the fleet's endpoints at a fixed total rate, round-robin (endpoint k % n at
 * tick k), on one thread: the value source. Behind schedule (a GC pause, a busy core) it
 * catches up at once rather than skipping values, so the number of changes is exact.
 */
final class Driver implements AutoCloseable {

    private final Thread thread;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong nanosInChange = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;

    Driver(Fleet fleet, Ledger ledger, double changesPerSecond) {
        this(fleet, ledger, changesPerSecond, i -> false);
    }

    /**
     * {@code paused}: endpoints whose source is down (an OPC UA server stopped); their ticks pass
     * without a change, since no source holds a value then (so none is counted).
     */
    Driver(Fleet fleet, Ledger ledger, double changesPerSecond, java.util.function.IntPredicate paused) {
        long period = (long) (1e9 / changesPerSecond);
        int n = ledger.endpoints();
        thread = new Thread(() -> {
            long next = System.nanoTime();
            long tick = 0;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                int i = (int) (tick++ % n);
                if (paused.test(i)) {
                    skipped.incrementAndGet();
                    next += period;
                    continue;
                }
                long value = ledger.next(i);
                if (value > 0) {
                    long t = System.nanoTime();
                    fleet.change(i, value);
                    nanosInChange.addAndGet(System.nanoTime() - t);
                    changes.incrementAndGet();
                }
                next += period;
            }
        }, "bench-driver");
        thread.setDaemon(true);
        thread.start();
    }

    long changes() {
        return changes.get();
    }

    /** Ticks that passed without a change because the endpoint's source was down. */
    long skipped() {
        return skipped.get();
    }

    double secondsInChange() {
        return nanosInChange.get() / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
