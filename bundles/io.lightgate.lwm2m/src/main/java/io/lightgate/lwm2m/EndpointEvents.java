/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry events per endpoint, in the order they came, on the engine's threads: the events of one
 * endpoint run one after another, those of different endpoints side by side. The registry delivers
 * every event of every endpoint on one thread; handled there, an object that is slow to answer (a
 * read for an observation, a supplier building an instance) held up all endpoints.
 * <p>
 * Work that never blocks may run on the caller's thread instead ({@link #runNowOrInTurn}) while
 * the endpoint has nothing waiting: the hop to another thread is then pure latency.
 */
final class EndpointEvents {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointEvents.class);

    /** Events of one endpoint run in a row at most this many before the thread goes to the others' (then it comes back). */
    static final int BATCH = 64;

    private final Executor executor;
    // the endpoints whose events run or wait now, with those waiting; no entry: none is under way
    private final Map<String, ArrayDeque<Runnable>> pending = new HashMap<>();

    EndpointEvents(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code event} after the endpoint's earlier ones. */
    void execute(String endpoint, Runnable event) {
        synchronized (pending) {
            ArrayDeque<Runnable> waiting = pending.get(endpoint);
            if (waiting != null) {
                waiting.add(event);
                return;
            }
            pending.put(endpoint, new ArrayDeque<>());
        }
        submit(endpoint, event);
    }

    /**
     * Runs {@code event} on the calling thread when none of the endpoint's earlier events waits or
     * runs; otherwise queues it behind them like {@link #execute}. For events whose handling never
     * blocks: the caller is the registry's one delivering thread.
     */
    void runNowOrInTurn(String endpoint, Runnable event) {
        synchronized (pending) {
            ArrayDeque<Runnable> waiting = pending.get(endpoint);
            if (waiting != null) {
                waiting.add(event);
                return;
            }
            pending.put(endpoint, new ArrayDeque<>()); // events coming meanwhile queue behind this one
        }
        run(endpoint, event);
        Runnable next = nextOrDone(endpoint);
        if (next != null) {
            submit(endpoint, next);
        }
    }

    private void submit(String endpoint, Runnable event) {
        try {
            executor.execute(() -> drain(endpoint, event));
        } catch (RejectedExecutionException e) {
            synchronized (pending) {
                pending.remove(endpoint);
            }
            LOG.debug("Endpoint '{}': a registry event is dropped, the engine stops", endpoint);
        }
    }

    private void drain(String endpoint, Runnable first) {
        Runnable event = first;
        for (int ran = 1;; ran++) {
            run(endpoint, event);
            event = nextOrDone(endpoint);
            if (event == null) {
                return;
            }
            if (ran == BATCH) {
                submit(endpoint, event);
                return;
            }
        }
    }

    private static void run(String endpoint, Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.error("Endpoint '{}': a registry event failed: {}", endpoint, e.toString(), e);
        }
    }

    /** The endpoint's next waiting event, or null after marking it idle. */
    private @Nullable Runnable nextOrDone(String endpoint) {
        synchronized (pending) {
            Runnable next = pending.get(endpoint).poll();
            if (next == null) {
                pending.remove(endpoint);
            }
            return next;
        }
    }
}
