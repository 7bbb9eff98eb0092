/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.lwm2m.transport.UdpSelector;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads, shared by every endpoint: a pool for CoAP protocol work and the
 * registration logic, one timer thread, and one selector thread serving every endpoint's UDP
 * socket. Adding an endpoint adds a socket and no thread.
 */
final class EngineExecutors {

    final ScheduledExecutorService main;
    final ScheduledExecutorService timer;
    final UdpSelector udp;

    EngineExecutors(int threads) {
        int n = threads > 0 ? threads : Math.max(2, Runtime.getRuntime().availableProcessors());
        main = dropsCancelled(new ScheduledThreadPoolExecutor(n, named("lightgate-lwm2m-")));
        timer = dropsCancelled(new ScheduledThreadPoolExecutor(1, named("lightgate-lwm2m-timer-")));
        udp = new UdpSelector();
    }

    /**
     * A cancelled task leaves the queue at once. By default it stays until its delay is over: an
     * observation rescheduled on each of 1,000 changes/s with pmax 60 s, or an acknowledged CON's
     * retransmission timer, would keep tens of thousands of dead tasks on the heap. Delayed tasks
     * still waiting at {@link #shutdown()} are dropped: the endpoints have stopped by then, and by
     * default the pool would wait for their delays (a pmax, an exchange's lifetime) until the 5 s
     * bound below, a gateway's stop 5 s longer.
     */
    private static ScheduledThreadPoolExecutor dropsCancelled(ScheduledThreadPoolExecutor executor) {
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Tasks waiting in both schedulers (cancelled ones are gone), for tests and diagnostics. */
    int queuedTasks() {
        return ((ScheduledThreadPoolExecutor) main).getQueue().size() + ((ScheduledThreadPoolExecutor) timer).getQueue().size();
    }

    void shutdown() {
        udp.close(); // first: no more datagrams handed to a pool that is shutting down
        main.shutdown();
        timer.shutdown();
        try {
            if (!main.awaitTermination(5, TimeUnit.SECONDS)) {
                main.shutdownNow();
            }
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
