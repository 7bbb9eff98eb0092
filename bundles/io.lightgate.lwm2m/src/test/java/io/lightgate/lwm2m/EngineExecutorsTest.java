/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** The engine's schedulers under the churn of observations and request timeouts. */
public class EngineExecutorsTest {

    private final EngineExecutors executors = new EngineExecutors(2);

    @After
    public void shutdown() {
        executors.shutdown();
    }

    @Test
    public void aCancelledTimerHoldsNoMemoryUntilItsDelayIsOver() {
        // what an observation does on every change: cancel its pmax timer and schedule a new one
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            timers.add(executors.main.schedule(() -> { }, 60, TimeUnit.SECONDS));
            timers.add(executors.timer.schedule(() -> { }, 60, TimeUnit.SECONDS));
        }
        assertEquals(20_000, executors.queuedTasks());

        timers.forEach(t -> t.cancel(false));

        assertEquals("cancelled tasks still queued", 0, executors.queuedTasks());
    }

    @Test
    public void delayedTasksDoNotHoldUpTheEnginesStop() throws Exception {
        // a pmax timer or an exchange's lifetime still ahead when the engine stops
        executors.main.schedule(() -> { }, 60, TimeUnit.SECONDS);
        executors.timer.schedule(() -> { }, 60, TimeUnit.SECONDS);

        executors.shutdown();

        assertTrue("dropped at shutdown, not awaited for up to 5 s",
                !((ScheduledThreadPoolExecutor) executors.main).getExecuteExistingDelayedTasksAfterShutdownPolicy()
                        && !((ScheduledThreadPoolExecutor) executors.timer).getExecuteExistingDelayedTasksAfterShutdownPolicy());
        assertTrue(executors.main.awaitTermination(1, TimeUnit.SECONDS) && executors.timer.awaitTermination(1, TimeUnit.SECONDS));
        assertEquals(0, executors.queuedTasks());
    }
}
