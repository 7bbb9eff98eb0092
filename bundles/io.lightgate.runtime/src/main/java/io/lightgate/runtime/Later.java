/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Runs short tasks later on the JDK's delay scheduler thread itself: no thread or pool of the runtime's own. */
final class Later {

    private Later() {
    }

    static Executor after(long delay, TimeUnit unit) {
        // Runnable::run: the tasks take milliseconds, and the default executor (the common pool) would
        // start a thread per task where the pool has one core to work with
        return CompletableFuture.delayedExecutor(delay, unit, Runnable::run);
    }
}
