/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import java.util.function.LongSupplier;

/**
 * The values of the Observe option an endpoint puts on its notifications (RFC 7641 §4.4): the
 * wall clock in milliseconds, 24 bits, and at least one more than the value before. A counter
 * that starts at 1 in every process would, after a restart, send numbers the server takes for
 * older than those it saw before (§3.4), and drop notifications for up to 128 s; the clock keeps
 * increasing across restarts (unless the endpoint ran more than 1,000 notifications a second
 * ahead of it until just before the restart).
 */
public final class ObserveSequence {

    private static final int MASK = 0xFF_FFFF;
    private static final int HALF = 1 << 23;

    private final LongSupplier clock;
    private int last = -1;

    /** @param clock milliseconds of the wall clock */
    public ObserveSequence(LongSupplier clock) {
        this.clock = clock;
    }

    /** The next value: the clock's, or one more than the last when the clock has not moved past it. */
    public synchronized int next() {
        int now = (int) (clock.getAsLong() & MASK);
        last = last < 0 || isNewer(now, last) ? now : (last + 1) & MASK;
        return last;
    }

    /** Whether a notification numbered {@code v2} is newer than one numbered {@code v1} (RFC 7641 §3.4, without its 128 s rule). */
    public static boolean isNewer(int v2, int v1) {
        return (v1 < v2 && v2 - v1 < HALF) || (v1 > v2 && v1 - v2 > HALF);
    }
}
