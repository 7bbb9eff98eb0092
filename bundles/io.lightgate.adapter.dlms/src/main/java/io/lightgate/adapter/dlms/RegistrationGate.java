/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registers a meter's endpoint once: when the meter first answers (so a server that reads or
 * observes right at registration gets values, not 5.03), or when the wait is over, whichever
 * comes first. A wait of zero registers at once.
 */
final class RegistrationGate {

    private final Runnable register;
    private final Runnable waitedInVain;
    private final AtomicBoolean done = new AtomicBoolean();
    private final ScheduledFuture<?> timeout;

    /**
     * @param register registers the endpoint; runs at most once
     * @param waitedInVain runs (before {@code register}) when the wait ended without an answer
     */
    RegistrationGate(Duration wait, ScheduledExecutorService scheduler, Runnable register, Runnable waitedInVain) {
        this.register = register;
        this.waitedInVain = waitedInVain;
        if (wait.isZero() || wait.isNegative()) {
            timeout = null;
            open();
        } else {
            timeout = scheduler.schedule(this::waitOver, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The meter answered: register now, unless that happened already. */
    void open() {
        if (done.compareAndSet(false, true)) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            register.run();
        }
    }

    private void waitOver() {
        if (done.compareAndSet(false, true)) {
            waitedInVain.run();
            register.run();
        }
    }

    /** The meter is removed before it was registered: nothing registers any more. */
    void cancel() {
        done.set(true);
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    boolean isDone() {
        return done.get();
    }
}
