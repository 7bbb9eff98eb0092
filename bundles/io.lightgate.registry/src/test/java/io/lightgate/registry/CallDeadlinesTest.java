/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class CallDeadlinesTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> scheduledDelays = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final CallDeadlines deadlines = new CallDeadlines(Duration.ofSeconds(5), now::get, (task, delay) -> {
        scheduledDelays.add(delay);
        scheduled.add(task);
    });

    /** Runs the sweep the timer holds, as the timer would once its delay passed. */
    private void runTimer() {
        assertEquals("one sweep scheduled", 1, scheduled.size());
        Runnable task = scheduled.remove(0);
        task.run();
    }

    @Test
    public void aCallNotAnsweredWithinTheTimeoutFailsWithATimeout() {
        CompletableFuture<String> call = deadlines.track(new CompletableFuture<>());
        now.addAndGet(4_999 * MS);
        runTimer();
        assertFalse("not due before 5 s", call.isDone());
        now.addAndGet(2 * MS);
        runTimer();
        assertTrue(call.isCompletedExceptionally());
        try {
            call.join();
        } catch (CompletionException e) {
            assertTrue(e.getCause() instanceof TimeoutException);
        }
        assertEquals("nothing left to sweep: no timer task", 0, scheduled.size());
    }

    @Test
    public void answeredCallsAreDroppedAndKeepTheirAnswer() {
        CompletableFuture<String> answered = deadlines.track(new CompletableFuture<>());
        answered.complete("value");
        now.addAndGet(10_000 * MS);
        runTimer();
        assertEquals("value", answered.join());
        assertEquals(0, deadlines.size());
    }

    @Test
    public void oneTimerTaskServesManyCallsAndTheSweepPeriodIsATwentiethOfTheTimeoutAtMost100Ms() {
        for (int i = 0; i < 1_000; i++) {
            deadlines.track(new CompletableFuture<>()).complete("answer " + i);
        }
        assertEquals("one timer task for a thousand calls", 1, scheduled.size());
        assertEquals(Long.valueOf(100 * MS), scheduledDelays.get(0));
        runTimer();
        assertEquals("answered calls swept", 0, deadlines.size());
        assertEquals("an empty registry schedules nothing", 0, scheduled.size());
        CallDeadlines quick = new CallDeadlines(Duration.ofMillis(300), now::get, (task, delay) -> scheduledDelays.add(delay));
        quick.track(new CompletableFuture<>());
        assertEquals(Long.valueOf(15 * MS), scheduledDelays.get(1));
    }

    @Test
    public void aSweepStopsAtTheFirstCallNotDueAndFailsItLater() {
        CompletableFuture<String> first = deadlines.track(new CompletableFuture<>());
        now.addAndGet(3_000 * MS);
        CompletableFuture<String> second = deadlines.track(new CompletableFuture<>());
        now.addAndGet(2_500 * MS); // first due, second not
        assertEquals(1, deadlines.sweep());
        assertTrue(first.isCompletedExceptionally());
        assertFalse(second.isDone());
        assertEquals("the one still running stays tracked", 1, deadlines.size());
        now.addAndGet(3_000 * MS);
        assertEquals(1, deadlines.sweep());
        assertTrue(second.isCompletedExceptionally());
    }

    @Test
    public void aCallAlreadyDoneIsNotTracked() {
        deadlines.track(CompletableFuture.completedFuture("at once"));
        deadlines.track(CompletableFuture.failedFuture(new IllegalStateException("refused")));
        assertEquals(0, deadlines.size());
        assertEquals(0, scheduled.size());
    }

    @Test
    public void aCallTrackedWhileTheSweepRunsIsStillSwept() {
        CompletableFuture<String> running = deadlines.track(new CompletableFuture<>());
        runTimer(); // nothing due: the sweep schedules itself again for the call still running
        assertFalse(running.isDone());
        now.addAndGet(6_000 * MS);
        runTimer();
        assertTrue(running.isCompletedExceptionally());
    }
}
