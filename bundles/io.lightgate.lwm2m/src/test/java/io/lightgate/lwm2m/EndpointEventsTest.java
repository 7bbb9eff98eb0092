/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.After;
import org.junit.Test;

public class EndpointEventsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final EndpointEvents events = new EndpointEvents(threads);

    @After
    public void tearDown() {
        threads.shutdownNow();
    }

    @Test
    public void theEventsOfOneEndpointRunInTheOrderTheyCame() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        int n = EndpointEvents.BATCH * 3 + 5; // beyond a batch: the endpoint's events go on after the thread was handed on
        for (int i = 0; i < n; i++) {
            int index = i;
            events.execute("dev-1", () -> {
                seen.add(index);
                if (index == n - 1) {
                    done.countDown();
                }
            });
        }

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(IntStream.range(0, n).boxed().toList(), new ArrayList<>(seen));
    }

    @Test
    public void anEndpointWhoseEventIsSlowHoldsUpNoOther() throws Exception {
        CountDownLatch slowObject = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        events.execute("slow", () -> {
            try {
                slowObject.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("slow 1");
        });
        events.execute("slow", () -> seen.add("slow 2"));
        events.execute("other", () -> {
            seen.add("other");
            otherDone.countDown();
        });

        assertTrue("the other endpoint's event ran while the slow one waited", otherDone.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("other"), List.copyOf(seen));
        slowObject.countDown();
        CountDownLatch slowDone = new CountDownLatch(1);
        events.execute("slow", slowDone::countDown);
        assertTrue(slowDone.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("other", "slow 1", "slow 2"), List.copyOf(seen));
    }

    @Test
    public void aFailingEventDoesNotStopTheEndpointsNextOnes() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        events.execute("dev-1", () -> {
            throw new IllegalStateException("an object failed");
        });
        events.execute("dev-1", next::countDown);

        assertTrue(next.await(10, TimeUnit.SECONDS));
    }

    @Test
    public void aValueChangeOfAnEndpointWithNothingWaitingRunsOnTheCallersThread() {
        List<Thread> ranOn = new ArrayList<>();
        events.runNowOrInTurn("dev-1", () -> ranOn.add(Thread.currentThread()));

        assertEquals(List.of(Thread.currentThread()), ranOn);
    }

    @Test
    public void aValueChangeWaitsBehindTheEndpointsEarlierEvents() throws Exception {
        CountDownLatch slowObject = new CountDownLatch(1);
        CountDownLatch valueDone = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        events.execute("dev-1", () -> {
            try {
                slowObject.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add("instance added");
        });
        events.runNowOrInTurn("dev-1", () -> {
            seen.add(Thread.currentThread() == caller ? "value on the caller's thread" : "value");
            valueDone.countDown();
        });
        events.runNowOrInTurn("dev-2", () -> seen.add("other endpoint's value"));

        assertEquals("only the other endpoint's change ran at once", List.of("other endpoint's value"), List.copyOf(seen));
        slowObject.countDown();
        assertTrue(valueDone.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("other endpoint's value", "instance added", "value"), List.copyOf(seen));
    }

    @Test
    public void eventsComingWhileAValueChangeRunsHereFollowIt() throws Exception {
        CountDownLatch laterDone = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        events.runNowOrInTurn("dev-1", () -> {
            events.execute("dev-1", () -> {
                seen.add("objects changed");
                laterDone.countDown();
            });
            seen.add("value");
        });

        assertTrue(laterDone.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("value", "objects changed"), List.copyOf(seen));
        // once its queue ran dry the endpoint is idle again: a change runs on the caller's thread again
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        for (int attempt = 0; attempt < 200 && !ranOn.contains(caller); attempt++) {
            events.runNowOrInTurn("dev-1", () -> ranOn.add(Thread.currentThread()));
            if (!ranOn.contains(caller)) {
                Thread.sleep(10); // the pool's thread marks the endpoint idle just after its last event
            }
        }
        assertTrue(ranOn.contains(caller));
    }
}
