/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where objects are called: a bounded pool of its own, so that an object that blocks in a call
 * (against the SPI's contract) holds one of these threads, never a caller's. The callers are the
 * LwM2M engine's few shared workers and the registry's one event thread, which serve every
 * endpoint: one object blocking there would stop every endpoint's requests and notifications.
 *
 * <p>Each attached object has a {@link Lane}: its calls run one after the other, so a stuck
 * object holds exactly one thread, and its later calls wait in its lane (where the caller's
 * timeout answers them 5.03) instead of taking more threads. A lane holding {@code laneLimit}
 * calls refuses more at once with 5.03. When every thread is busy, lanes wait for one (one entry
 * per lane at most, so that wait is bounded by the number of objects), and their callers'
 * timeouts answer 5.03 if none comes free. {@link #call} never blocks its caller, except for a
 * call the object said it answers at once, which runs on the caller's thread while the lane is idle
 * (a Read then needs no hand-off to the lane and back).
 *
 * <p>The pool keeps as many threads as there are cores while calls return at once; it adds one
 * only when lanes wait and no call has returned for {@value #STUCK_MILLIS} ms (objects block),
 * up to the configured most, and goes back when the queue is empty. A burst of quick calls over
 * 10,000 endpoints so no longer fills the pool with idle threads. Threads end after 30 s idle.
 */
final class ObjectCalls implements AutoCloseable {

    /** A call this guard refused without calling the object: 5.03. */
    static final class Refused extends LwM2mException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(ResponseCode.SERVICE_UNAVAILABLE, message);
        }
    }

    /** The calls of one attached object: queued, run one at a time. */
    static final class Lane {
        private final Queue<Call<?>> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicBoolean refusing = new AtomicBoolean();

        /** Calls queued or running now. */
        int pending() {
            return pending.get();
        }

        /** True for the first refusal since the lane last ran empty: log that one loudly, the others quietly. */
        boolean firstRefusal() {
            return refusing.compareAndSet(false, true);
        }
    }

    private record Call<T>(Supplier<String> what, Supplier<CompletionStage<T>> operation, CompletableFuture<T> result) {

        void run() {
            if (result.isDone()) {
                return; // timed out while it waited behind a slow call: the caller has its 5.03
            }
            try {
                CompletionStage<T> stage = operation.get();
                if (stage == null) {
                    throw new IllegalStateException("the object returned null instead of a CompletionStage");
                }
                stage.whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (Throwable e) { // even a StackOverflowError of the object must not end the lane
                result.completeExceptionally(e);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCalls.class);

    /** Lanes waiting this long without any call returning mean the threads are held by objects that block. */
    static final long STUCK_MILLIS = 100;
    /**
     * A call thread with no work ends after this: an idle gateway keeps none (every thread counts on a
     * small gateway, issue 14: at most 32 in all), and the call after a pause starts one in microseconds.
     */
    static final Duration IDLE_THREAD_END = Duration.ofSeconds(5);

    private final ThreadPoolExecutor pool;
    private final int base;
    private final int max;
    private final int laneLimit;
    private final AtomicBoolean saturationLogged = new AtomicBoolean();
    private final AtomicLong returned = new AtomicLong(); // calls that returned from the object
    private final AtomicBoolean watching = new AtomicBoolean();

    /**
     * @param threads the most threads calling objects at once (= the most objects that can be stuck
     *        before calls are refused)
     * @param laneLimit the most calls queued or running in one lane
     */
    ObjectCalls(int threads, int laneLimit) {
        this(threads, laneLimit, IDLE_THREAD_END);
    }

    /** @param idleThreadEnd how long a call thread waits for work before it ends */
    ObjectCalls(int threads, int laneLimit, Duration idleThreadEnd) {
        AtomicInteger count = new AtomicInteger();
        this.max = Math.max(1, threads);
        this.base = Math.min(max, Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.pool = new ThreadPoolExecutor(base, max, Math.max(1, idleThreadEnd.toMillis()), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lightgate-object-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.laneLimit = Math.max(1, laneLimit);
    }

    /**
     * Runs {@code operation} (the object's method) in the object's lane on the pool.
     *
     * @param what the operation, path and endpoint, for messages (built only when one is due)
     * @param atOnce the object answers this call at once from memory ({@code LwM2mObject.readsAtOnce}):
     *        when none of its calls is queued or running, it runs on the caller's thread, holding the
     *        lane meanwhile so that calls arriving then queue behind it
     * @return a future of the object's answer (the caller may complete it first, e.g. with a
     *         timeout: the call is then skipped if it has not started), or a future failed with
     *         the object's exception or a {@link Refused}
     */
    <T> CompletableFuture<T> call(Lane lane, Supplier<String> what, Supplier<CompletionStage<T>> operation, boolean atOnce) {
        if (lane.pending.get() >= laneLimit) {
            return CompletableFuture.failedFuture(new Refused(what.get() + ": refused, " + laneLimit
                    + " calls of this object are already waiting; the object does not return from a call"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        if (atOnce && lane.pending.compareAndSet(0, 1)) {
            new Call<>(what, operation, result).run();
            returned.incrementAndGet();
            if (lane.pending.decrementAndGet() > 0) {
                startDrain(lane); // calls queued behind this one meanwhile: they had no thread
            }
            return result;
        }
        lane.queue.add(new Call<>(what, operation, result)); // before pending counts it: see drain
        if (lane.pending.getAndIncrement() == 0) {
            startDrain(lane);
        }
        return result;
    }

    private void startDrain(Lane lane) {
        warnIfSaturated();
        try {
            pool.execute(() -> drain(lane));
            watchQueue();
        } catch (RejectedExecutionException e) {
            refuseAll(lane, "refused, the registry is stopping");
        }
    }

    /** While lanes wait for a thread: checks every {@value #STUCK_MILLIS} ms whether calls still return, else adds a thread. */
    private void watchQueue() {
        if (pool.getQueue().isEmpty() || pool.isShutdown() || !watching.compareAndSet(false, true)) {
            return;
        }
        long before = returned.get();
        CompletableFuture.delayedExecutor(STUCK_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            watching.set(false);
            if (pool.isShutdown() || pool.getQueue().isEmpty()) {
                return;
            }
            int size = pool.getPoolSize();
            if (returned.get() == before && size < max) {
                pool.setCorePoolSize(Math.max(pool.getCorePoolSize(), Math.min(max, size + 1))); // starts one for the queue
            }
            watchQueue();
        });
    }

    private void warnIfSaturated() {
        if (pool.getActiveCount() < max) {
            saturationLogged.set(false);
        } else if (saturationLogged.compareAndSet(false, true)) {
            LOG.warn("All {} object call threads are busy: calls of other objects wait for one and answer 5.03 when "
                    + "they time out. Objects that block in their calls hold threads (see the 5.03 warnings naming them); "
                    + "fix those bundles or raise object.call.threads in etc/io.lightgate.registry.cfg.",
                    max);
        }
    }

    /** Runs the lane's calls until it is empty; one thread per lane at a time. */
    private void drain(Lane lane) {
        do {
            Call<?> next = lane.queue.poll(); // never null here: a call is queued before it is counted
            if (next != null) {
                next.run();
                returned.incrementAndGet();
            }
            if (lane.pending.get() == 1) {
                lane.refusing.set(false);
            }
        } while (lane.pending.decrementAndGet() > 0);
        if (pool.getCorePoolSize() > base && pool.getQueue().isEmpty()) {
            pool.setCorePoolSize(base); // idle threads beyond it end; those held by blocking objects when they return
        }
    }

    private static void refuseAll(Lane lane, String why) {
        do {
            Call<?> next = lane.queue.poll();
            if (next != null) {
                next.result().completeExceptionally(new Refused(next.what().get() + ": " + why));
            }
        } while (lane.pending.decrementAndGet() > 0);
    }

    /** Threads alive now (for tests and diagnostics). */
    int threads() {
        return pool.getPoolSize();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
