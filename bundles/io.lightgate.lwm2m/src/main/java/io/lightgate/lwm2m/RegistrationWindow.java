/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    private final Map<URI, Lane> lanes = new ConcurrentHashMap<>();

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
        Lane lane = lanes.get(server.uri());
        return lane == null ? 0 : lane.inFlight();
    }

    private Lane lane(ServerDefinition server) {
        return lanes.computeIfAbsent(server.uri(), k -> new Lane());
    }

    /** A request waiting for its turn: how to send it, and where its answer goes. */
    private record Waiting(Supplier<CompletableFuture<Response>> send, CompletableFuture<Response> result) {
    }

    private final class Lane {
        private final Queue<Waiting> waiting = new ArrayDeque<>(); // guarded by this
        private int inFlight; // guarded by this

        CompletableFuture<Response> submit(Supplier<CompletableFuture<Response>> send) {
            Waiting request = new Waiting(send, new CompletableFuture<>());
            boolean now;
            synchronized (this) {
                now = inFlight < limit;
                if (now) {
                    inFlight++;
                } else {
                    waiting.add(request);
                }
            }
            if (now) {
                start(request);
            }
            return request.result();
        }

        private void start(Waiting request) {
            CompletableFuture<Response> sent;
            try {
                sent = request.send().get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((response, failure) -> {
                next();
                if (failure != null) {
                    request.result().completeExceptionally(failure);
                } else {
                    request.result().complete(response);
                }
            });
        }

        /** One request ended: the next waiting one takes its place. */
        private void next() {
            Waiting request;
            synchronized (this) {
                request = waiting.poll();
                if (request == null) {
                    inFlight--;
                    return;
                }
            }
            try {
                executor.execute(() -> start(request));
            } catch (RejectedExecutionException e) {
                // the engine stops: what waits is not sent (answered "no answer"), and nothing recurses
                List<Waiting> dropped = new ArrayList<>();
                dropped.add(request);
                synchronized (this) {
                    dropped.addAll(waiting);
                    waiting.clear();
                    inFlight--;
                }
                dropped.forEach(w -> w.result().complete(null));
            }
        }

        synchronized int inFlight() {
            return inFlight;
        }
    }
}
