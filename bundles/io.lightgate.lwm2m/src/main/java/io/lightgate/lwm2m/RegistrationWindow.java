/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * At most {@code limit} Register, Update and De-register requests of all endpoints in flight to
 * one server; the others wait in order. 10,000 virtual endpoints that start or stop together would
 * otherwise send 10,000 requests in one burst: the server's socket drops part of them, and each
 * dropped one costs its endpoint a CoAP retransmission 2-3 s later (or, at a stop, the De-register).
 * A server answers a window's worth in a few milliseconds, so the window costs an endpoint alone
 * nothing.
 */
final class RegistrationWindow {

    private final int limit;
    private final Executor executor;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param executor starts a waiting request when one in flight ended (not on the thread that
     *        ended it: requests that end at once, e.g. on a closed socket, must not recurse)
     */
    RegistrationWindow(int limit, Executor executor) {
        this.limit = Math.max(1, limit);
        this.executor = executor;
    }

    /** {@code link} with its requests to each server going through that server's window. */
    ServerLink around(ServerLink link) {
        return new ServerLink() {
            @Override
            public CompletableFuture<Response> send(Request request, ServerDefinition to) {
                return lane(to).submit(() -> link.send(request, to));
            }

            @Override
            public String prepareSecureSession(ServerDefinition s, InetSocketAddress address) {
                return link.prepareSecureSession(s, address);
            }

            @Override
            public boolean renewSecureSession(ServerDefinition s, InetSocketAddress address) {
                return link.renewSecureSession(s, address);
            }
        };
    }

    /** Requests to this server in flight now (for tests and diagnostics). */
    int inFlight(ServerDefinition server) {
        Lane lane = lanes.get(key(server));
        return lane == null ? 0 : lane.inFlight();
    }

    private Lane lane(ServerDefinition server) {
        return lanes.computeIfAbsent(key(server), k -> new Lane());
    }

    private static String key(ServerDefinition server) {
        return server.uri().toString();
    }

    private final class Lane {
        private final Queue<Runnable> waiting = new ArrayDeque<>(); // guarded by this
        private int inFlight; // guarded by this

        CompletableFuture<Response> submit(Supplier<CompletableFuture<Response>> send) {
            CompletableFuture<Response> result = new CompletableFuture<>();
            Runnable start = () -> {
                CompletableFuture<Response> sent;
                try {
                    sent = send.get();
                } catch (RuntimeException e) {
                    sent = CompletableFuture.failedFuture(e);
                }
                sent.whenComplete((response, failure) -> {
                    next();
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(response);
                    }
                });
            };
            boolean now;
            synchronized (this) {
                now = inFlight < limit;
                if (now) {
                    inFlight++;
                } else {
                    waiting.add(start);
                }
            }
            if (now) {
                start.run();
            }
            return result;
        }

        /** One request ended: the next waiting one takes its place. */
        private void next() {
            Runnable start;
            synchronized (this) {
                start = waiting.poll();
                if (start == null) {
                    inFlight--;
                }
            }
            if (start != null) {
                try {
                    executor.execute(start);
                } catch (RejectedExecutionException e) {
                    start.run(); // the engine is stopping: send (and fail) on this thread rather than never
                }
            }
        }

        synchronized int inFlight() {
            return inFlight;
        }
    }
}
