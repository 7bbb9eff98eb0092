/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class QueueModeTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final QueueMode queue = new QueueMode(2_000, now::get);

    @Test
    public void asleepBeforeTheFirstExchange() {
        assertFalse(queue.awake());
        assertEquals(now.get(), queue.sleepsAt());
    }

    @Test
    public void awakeForTheAwakeTimeAfterAnExchangeThenAsleep() {
        assertTrue("the first exchange wakes it", queue.exchanged());
        assertTrue(queue.awake());
        assertEquals(now.get() + 2_000, queue.sleepsAt());
        now.addAndGet(1_999);
        assertTrue("still awake 1 ms before the awake time ends", queue.awake());
        now.addAndGet(1);
        assertFalse("asleep once the awake time has passed", queue.awake());
    }

    @Test
    public void everyExchangeStartsTheAwakeTimeAgain() {
        queue.exchanged();
        now.addAndGet(1_500);
        assertFalse("an exchange while awake is no wake-up", queue.exchanged());
        now.addAndGet(1_500);
        assertTrue("3 s after the first exchange, 1.5 s after the last", queue.awake());
        now.addAndGet(500);
        assertFalse(queue.awake());
        assertTrue("the next exchange wakes it again", queue.exchanged());
        assertTrue(queue.awake());
    }

    @Test
    public void manySleepWakeCycles() {
        for (int cycle = 0; cycle < 100; cycle++) {
            assertTrue("cycle " + cycle + " wakes", queue.exchanged());
            now.addAndGet(2_000);
            assertFalse("cycle " + cycle + " sleeps", queue.awake());
            now.addAndGet(60_000);
            assertFalse(queue.awake());
        }
    }

    @Test
    public void aClockNearItsLimitStillDecides() {
        now.set(Long.MAX_VALUE - 1_000);
        queue.exchanged(); // awake until past Long.MAX_VALUE: wraps around
        assertTrue(queue.awake());
        now.addAndGet(1_999);
        assertTrue(queue.awake());
        now.addAndGet(1);
        assertFalse(queue.awake());
    }

    @Test
    public void anAwakeTimeBelowOneMillisecondIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QueueMode(0, now::get));
    }

    @Test
    public void qInTheBindingAsksForQueueMode() {
        assertTrue(QueueMode.requested("UQ"));
        assertTrue(QueueMode.requested("Q"));
        assertFalse(QueueMode.requested("U"));
        assertFalse(QueueMode.requested(""));
        assertFalse(QueueMode.requested(null));
    }

    @Test
    public void lwm2m11BindingHasNoQ() {
        assertEquals("U", QueueMode.transportBinding("UQ"));
        assertEquals("U", QueueMode.transportBinding("U"));
        assertEquals("U", QueueMode.transportBinding("Q"));
        assertEquals("US", QueueMode.transportBinding("UQS"));
    }

    @Test
    public void serverDefinitionCarriesTheAwakeTimeWithTheDefaultOf93Seconds() {
        URI uri = URI.create("coap://127.0.0.1:5683");
        ServerDefinition plain = new ServerDefinition("a", uri, 1, true, 0, "uq", 0, 0);
        assertTrue(plain.queueMode());
        assertEquals(93_000, plain.queueAwakeMillis());
        assertTrue(plain.toString(), plain.toString().contains("queue mode"));
        ServerDefinition quick = new ServerDefinition("a", uri, 1, true, 0, "UQ", 0, 0, TransportSecurity.NO_SEC, 1_500);
        assertEquals(1_500, quick.queueAwakeMillis());
        assertFalse(new ServerDefinition("a", uri, 1, true, 0, "U", 0, 0).queueMode());
        assertEquals("an awake time below 1 ms is the default", 93_000,
                new ServerDefinition("a", uri, 1, true, 0, "UQ", 0, 0, TransportSecurity.NO_SEC, 0).queueAwakeMillis());
    }
}
