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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry events per endpoint, in the order they came, on the engine's threads: the events of one
 * endpoint run one after another, those of different endpoints side by side. The registry delivers
 * every event of every endpoint on one thread; handled there, an object that is slow to answer (a
 * read for an observation, a supplier building an instance) held up all endpoints.
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
            try {
                event.run();
            } catch (RuntimeException e) {
                LOG.error("Endpoint '{}': a registry event failed: {}", endpoint, e.toString(), e);
            }
            synchronized (pending) {
                event = pending.get(endpoint).poll();
                if (event == null) {
                    pending.remove(endpoint);
                    return;
                }
            }
            if (ran == BATCH) {
                submit(endpoint, event);
                return;
            }
        }
    }
}
