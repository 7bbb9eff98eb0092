/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;

public class NotificationPacerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @After
    public void tearDown() {
        scheduler.shutdownNow();
    }

    /** Polls (bounded, 2 s) until this many notifications went out. */
    private void awaitSent(int count) throws InterruptedException {
        for (int i = 0; i < 200 && sent.size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals("sent within 2 s: " + sent, count, sent.size());
    }

    @Test
    public void aBurstGoesOutAtOnceTheRestWaitsForTokens() throws Exception {
        NotificationPacer<String> pacer = new NotificationPacer<>(100, 3, clock::get, scheduler, sent::add);
        for (String s : List.of("a", "b", "c", "d", "e")) {
            pacer.submit(s);
        }
        assertEquals("the burst", List.of("a", "b", "c"), sent);
        assertEquals(2, pacer.waiting());
        clock.addAndGet(20); // two tokens at 100/s
        awaitSent(5);
        assertEquals(List.of("a", "b", "c", "d", "e"), sent);
        assertEquals(0, pacer.waiting());
    }

    @Test
    public void aWaitingRelationIsQueuedOnceAndGoesOutWithItsLatestValue() throws Exception {
        NotificationPacer<String> pacer = new NotificationPacer<>(100, 1, clock::get, scheduler, sent::add);
        pacer.submit("x");
        pacer.submit("y");
        pacer.submit("y");
        pacer.submit("y");
        assertEquals(1, pacer.waiting());
        clock.addAndGet(10);
        awaitSent(2);
        // nothing waits any more, so nothing more can go out: y went out once
        assertEquals(0, pacer.waiting());
        assertEquals(List.of("x", "y"), sent);
    }

    @Test
    public void anEndedRelationIsNotSent() throws Exception {
        NotificationPacer<String> pacer = new NotificationPacer<>(100, 1, clock::get, scheduler, sent::add);
        pacer.submit("x");
        pacer.submit("gone");
        pacer.remove("gone");
        pacer.submit("z");
        clock.addAndGet(50);
        awaitSent(2);
        // nothing waits any more, so nothing more can go out: "gone" never will
        assertEquals(0, pacer.waiting());
        assertEquals(List.of("x", "z"), sent);
    }
}
