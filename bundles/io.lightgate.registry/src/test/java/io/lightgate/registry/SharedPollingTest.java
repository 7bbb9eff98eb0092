/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.Polling;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

/** The polling every object bundle shares: one thread, guarded runs, a close that holds. */
public class SharedPollingTest {

    private final SharedPolling polling = new SharedPolling();

    @After
    public void stop() {
        polling.deactivate();
    }

    @Test
    public void tasksOfSeveralBundlesRunOnOneThreadAndATaskThatThrowsKeepsItsSchedule() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch failingRanThrice = new CountDownLatch(3);
        CountDownLatch otherRanThrice = new CountDownLatch(3);
        Polling.Polled failing = polling.every(Duration.ofMillis(5), "failing", () -> {
            threads.add(Thread.currentThread().getName());
            failingRanThrice.countDown();
            throw new IllegalStateException("a sysfs file went away");
        });
        Polling.Polled other = polling.every(Duration.ofMillis(5), "other", () -> {
            threads.add(Thread.currentThread().getName());
            otherRanThrice.countDown();
        });
        assertTrue("the failing task ran again", failingRanThrice.await(10, TimeUnit.SECONDS));
        assertTrue("the other task ran on", otherRanThrice.await(10, TimeUnit.SECONDS));
        assertEquals(Set.of("lightgate-polling"), threads);
        failing.close();
        other.close();
    }

    @Test
    public void onceClosedATaskNeverRunsAgainAndARunInProgressIsWaitedFor() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Polling.Polled task = polling.every(Duration.ofMillis(1), "slow sample", () -> {
            runs.incrementAndGet();
            inRun.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(inRun.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(task::close);
        closer.start();
        closer.join(200);
        assertTrue("close waits for the run in progress", closer.isAlive());
        release.countDown();
        closer.join(10_000);
        int afterClose = runs.get();
        Thread.sleep(50); // fifty periods
        assertEquals("no run after close", afterClose, runs.get());
        assertEquals(1, afterClose);
    }

    @Test
    public void aTaskMayCloseItself() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Polling.Polled[] self = new Polling.Polled[1];
        CountDownLatch ran = new CountDownLatch(1);
        self[0] = polling.every(Duration.ofMillis(1), "once", () -> {
            runs.incrementAndGet();
            while (self[0] == null) {
                Thread.onSpinWait();
            }
            self[0].close();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertEquals(1, runs.get());
    }

    @Test
    public void aSlowRunIsToldAndTheScheduleGoesOn() {
        long[] now = { 0 };
        SharedPolling timed = new SharedPolling(() -> now[0]);
        try {
            AtomicInteger runs = new AtomicInteger();
            // the fake clock jumps 2 s during the run: logged as slow, nothing thrown
            timed.runGuarded("slow", () -> {
                runs.incrementAndGet();
                now[0] += TimeUnit.SECONDS.toNanos(2);
            });
            timed.runGuarded("slow", runs::incrementAndGet);
            assertEquals(2, runs.get());
        } finally {
            timed.deactivate();
        }
    }
}
