/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The console's REST API and event stream over real HTTP, as a user's script would use them. */
final class ConsoleClient implements AutoCloseable {

    /** An answer: HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** One server-sent event. */
    record Event(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private CompletableFuture<HttpResponse<Stream<String>>> stream;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    ConsoleClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** GET with HTTP Basic credentials (null = none). */
    Answer getAs(String path, String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (password != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }

    /**
     * Opens /api/events and returns once the server has written the stream's opening frame:
     * from then on the stream receives every event (an event published before that moment
     * would never reach this client, so waiting here is what makes a later awaitEvent sound).
     */
    void openEvents(Duration timeout) throws InterruptedException {
        CountDownLatch live = new CountDownLatch(1);
        stream = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/events")).GET().build(), HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> {
            String[] name = { "message" };
            response.body().forEach(line -> {
                if (line.equals(": live")) {
                    live.countDown();
                } else if (line.startsWith("event: ")) {
                    name[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    try {
                        events.add(new Event(name[0], JSON.readTree(line.substring(6))));
                    } catch (IOException e) {
                        events.add(new Event("unparsable", JSON.getNodeFactory().textNode(line)));
                    }
                }
            });
        });
        if (!live.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("/api/events did not open within " + timeout + (stream.isCompletedExceptionally() ? ": " + stream.handle((r, e) -> e).join() : ""));
        }
    }

    /** The first event (from now on) that matches, failing after the timeout. */
    Event awaitEvent(Predicate<Event> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching server-sent event within " + timeout);
            }
            if (match.test(e)) {
                return e;
            }
        }
    }

    /** Waits for GET path to satisfy the predicate (bounded), returning the last answer. */
    Answer awaitGet(String path, Predicate<Answer> done, Duration timeout) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Answer> last = new java.util.concurrent.atomic.AtomicReference<>();
        boolean reached = GatewayTestSupport.holdsWithin(timeout, () -> {
            try {
                last.set(get(path));
                return done.test(last.get());
            } catch (IOException e) {
                return false; // the server may be restarting: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // ends the poll at its next pause
                return false;
            }
        });
        if (!reached) {
            throw new AssertionError("GET " + path + " did not reach the expected state within " + timeout + "; last answer: " + last.get());
        }
        return last.get();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.cancel(true);
            stream.thenAccept(r -> r.body().close());
        }
    }
}
