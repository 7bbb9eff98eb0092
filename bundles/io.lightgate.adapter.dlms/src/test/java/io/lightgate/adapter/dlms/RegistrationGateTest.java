/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** A meter's endpoint registers once: at the meter's first answer or when the wait is over. */
public class RegistrationGateTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    @Test
    public void theFirstAnswerRegistersOnce() throws Exception {
        RegistrationGate gate = new RegistrationGate(Duration.ofMillis(200), scheduler, () -> events.add("register"),
                () -> events.add("gave up"));
        assertEquals(List.of(), events);
        gate.open();
        gate.open();
        // the timeout was cancelled: it adds nothing after its time (a task queued behind it proves the time passed)
        scheduler.schedule(() -> { }, 400, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("register"), events);
    }

    @Test
    public void withoutAnAnswerItRegistersWhenTheWaitIsOver() throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        RegistrationGate gate = new RegistrationGate(Duration.ofMillis(100), scheduler, () -> {
            events.add("register");
            registered.countDown();
        }, () -> events.add("gave up"));
        assertTrue(registered.await(5, TimeUnit.SECONDS));
        gate.open(); // the meter answers later: already registered
        assertEquals(List.of("gave up", "register"), events);
    }

    @Test
    public void noWaitRegistersAtOnceAndCancelStopsIt() {
        new RegistrationGate(Duration.ZERO, scheduler, () -> events.add("register"), () -> events.add("gave up"));
        assertEquals(List.of("register"), events);
        RegistrationGate cancelled = new RegistrationGate(Duration.ofSeconds(30), scheduler, () -> events.add("late"), () -> { });
        cancelled.cancel();
        cancelled.open();
        assertEquals(List.of("register"), events);
    }
}
