/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.After;
import org.junit.Test;

/** Registration requests to one server: at most the window in flight, the rest in order, none lost. */
public class RegistrationWindowTest {

    private static final ServerDefinition MAIN = new ServerDefinition("main", URI.create("coap://127.0.0.1:5683"), 1, true, 0, "U", 0, 0);
    private static final ServerDefinition OTHER = new ServerDefinition("other", URI.create("coap://127.0.0.1:5783"), 2, false, 0, "U", 0, 0);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @After
    public void tearDown() {
        executor.shutdownNow();
    }

    /** A server that answers only when the test says so. */
    private static final class HeldServer implements ServerLink {
        final List<Request> received = new ArrayList<>();
        final List<CompletableFuture<Response>> answers = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Response> send(Request request, ServerDefinition to) {
            received.add(request);
            CompletableFuture<Response> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        synchronized int received() {
            return received.size();
        }

        void answer(int index) {
            CompletableFuture<Response> answer;
            synchronized (this) {
                answer = answers.get(index);
            }
            answer.complete(new Response(CoAP.ResponseCode.CHANGED));
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.nanoTime() < deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    public void atMostTheWindowIsInFlightAndTheRestFollowInOrder() throws Exception {
        RegistrationWindow window = new RegistrationWindow(3, executor);
        HeldServer server = new HeldServer();
        ServerLink link = window.around(server);
        List<CompletableFuture<Response>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Request update = Request.newPost();
            update.setMID(i);
            results.add(link.send(update, MAIN));
        }
        assertEquals("only the window went out", 3, server.received());
        assertEquals(3, window.inFlight(MAIN));

        server.answer(0);
        await("the 4th request", () -> server.received() == 4);
        assertTrue(results.get(0).isDone());
        assertEquals(CoAP.ResponseCode.CHANGED, results.get(0).join().getCode());
        for (int i = 1; i < 10; i++) {
            int answered = i;
            server.answer(i);
            await("request " + (i + 1), () -> server.received() == Math.min(10, answered + 4) && results.get(answered).isDone());
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("in the order they were made", i, server.received.get(i).getMID());
            assertEquals(CoAP.ResponseCode.CHANGED, results.get(i).join().getCode());
        }
        assertEquals(0, window.inFlight(MAIN));
    }

    @Test
    public void eachServerHasItsOwnWindow() {
        RegistrationWindow window = new RegistrationWindow(1, executor);
        HeldServer server = new HeldServer();
        ServerLink link = window.around(server);
        link.send(Request.newPost(), MAIN);
        link.send(Request.newPost(), MAIN);
        link.send(Request.newPost(), OTHER);
        assertEquals("one to each server; the second to main waits", 2, server.received());
    }

    @Test
    public void thousandsOfWaitingRequestsEndingAtOnceDoNotRecurse() throws Exception {
        // two requests hold the window; the 20,000 behind them meet a closed socket, which answers at once (null)
        RegistrationWindow window = new RegistrationWindow(2, executor);
        CompletableFuture<Response> held = new CompletableFuture<>();
        int[] sends = { 0 };
        ServerLink closing = (request, to) -> ++sends[0] <= 2 ? held : CompletableFuture.completedFuture(null);
        ServerLink link = window.around(closing);
        List<CompletableFuture<Response>> results = new ArrayList<>();
        for (int i = 0; i < 20_002; i++) {
            results.add(link.send(Request.newDelete(), MAIN));
        }
        assertEquals(2, window.inFlight(MAIN));
        held.complete(null);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        await("the window empty", () -> window.inFlight(MAIN) == 0);
        assertEquals(20_002, sends[0]);
    }

    @Test
    public void whenTheEngineStopsWaitingRequestsAreAnsweredWithoutBeingSent() throws Exception {
        RegistrationWindow window = new RegistrationWindow(1, executor);
        HeldServer server = new HeldServer();
        ServerLink link = window.around(server);
        List<CompletableFuture<Response>> results = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            results.add(link.send(Request.newDelete(), MAIN));
        }
        executor.shutdownNow(); // the engine's executor is gone
        server.answer(0);
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals("only the first went out", 1, server.received());
        assertEquals("the others: no answer", null, results.get(4_999).join());
        assertEquals(0, window.inFlight(MAIN));
    }
}
