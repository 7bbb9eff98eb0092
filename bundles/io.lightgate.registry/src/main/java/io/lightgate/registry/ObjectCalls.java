/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where objects are called: a pool of its own, so that an object that blocks in a call (against
 * the SPI's contract) holds one of these threads, never a caller's (the LwM2M engine's workers
 * serve every endpoint). Each attached object has a {@link Lane}: its calls run one after the
 * other, so a stuck object holds exactly one thread, and its later calls wait in its lane (where
 * the caller's timeout answers them 5.03) instead of taking more threads. A lane holding
 * {@code laneLimit} calls refuses more at once with 5.03. Threads are made on demand and end after
 * 30 s idle.
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

        /** Calls queued or running now. */
        int pending() {
            return pending.get();
        }
    }

    private record Call<T>(String what, Supplier<CompletionStage<T>> operation, CompletableFuture<T> result) {

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
            } catch (RuntimeException | LinkageError e) {
                result.completeExceptionally(e);
            }
        }
    }

    private final ThreadPoolExecutor pool;
    private final int laneLimit;

    ObjectCalls(int threads, int laneLimit) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Math.max(1, threads), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "lightgate-object-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.laneLimit = Math.max(1, laneLimit);
    }

    /**
     * Runs {@code operation} (the object's method) in the object's lane on the pool.
     *
     * @param what the operation and path, for messages
     * @return the object's stage, or a stage failed with the object's exception or a {@link Refused}
     */
    <T> CompletionStage<T> call(Lane lane, String what, Supplier<CompletionStage<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (lane.pending.get() >= laneLimit) {
            return CompletableFuture.failedFuture(new Refused(what + ": " + laneLimit + " calls of the object are waiting; "
                    + "the object does not return from a call"));
        }
        lane.queue.add(new Call<>(what, operation, result));
        if (lane.pending.getAndIncrement() == 0) {
            try {
                pool.execute(() -> drain(lane));
            } catch (RejectedExecutionException e) {
                refuseAll(lane, "all " + pool.getMaximumPoolSize() + " object call threads are busy (objects that block?)");
            }
        }
        return result;
    }

    /** Runs the lane's calls until it is empty; one thread per lane at a time. */
    private static void drain(Lane lane) {
        do {
            Call<?> next = lane.queue.poll();
            if (next != null) {
                next.run();
            }
        } while (lane.pending.decrementAndGet() > 0);
    }

    private static void refuseAll(Lane lane, String why) {
        do {
            Call<?> next = lane.queue.poll();
            if (next != null) {
                next.result().completeExceptionally(new Refused(next.what() + ": " + why));
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
