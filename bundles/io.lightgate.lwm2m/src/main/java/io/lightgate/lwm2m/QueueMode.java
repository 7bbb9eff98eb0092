/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.function.LongSupplier;

/**
 * Queue mode toward one server (Core 1.1 6.2.1 / Transport 1.1 6.4): after each exchange with
 * that server the endpoint stays awake for the awake time, then sleeps toward it until it sends
 * something again (an Update, to say it is awake). Only the decision lives here, on an injected
 * clock in milliseconds; what sleeping means (requests dropped, notifications held) is the
 * engine's.
 * <p>
 * Also how a binding asks for it: a binding containing Q ("UQ", LwM2M 1.0 style, also what
 * /1/x/7 holds). In LwM2M 1.1, which the engine registers with, Q is no binding mode any more
 * (a 1.1 server refuses b=UQ): the Register carries the binding without Q and a separate Q
 * query parameter.
 */
final class QueueMode {

    /** CoAP MAX_TRANSMIT_WAIT (RFC 7252 4.8.2, 93 s), the awake time the LwM2M specification suggests. */
    static final long DEFAULT_AWAKE_MILLIS = 93_000;

    private final long awakeMillis;
    private final LongSupplier clock;
    private long awakeUntil;
    private boolean everAwake;

    QueueMode(long awakeMillis, LongSupplier clock) {
        if (awakeMillis < 1) {
            throw new IllegalArgumentException("the awake time must be at least 1 ms, was " + awakeMillis);
        }
        this.awakeMillis = awakeMillis;
        this.clock = clock;
    }

    long awakeMillis() {
        return awakeMillis;
    }

    /**
     * A message went to the server or came from it: awake for the awake time from now.
     *
     * @return whether the endpoint was asleep toward the server until now (it woke up)
     */
    synchronized boolean exchanged() {
        boolean wasAsleep = !awakeNow();
        awakeUntil = clock.getAsLong() + awakeMillis;
        everAwake = true;
        return wasAsleep;
    }

    /** Whether the endpoint is awake toward the server (before the first exchange it is not). */
    synchronized boolean awake() {
        return awakeNow();
    }

    /** When the endpoint falls asleep, on the clock's scale, if no exchange happens before. */
    synchronized long sleepsAt() {
        return everAwake ? awakeUntil : clock.getAsLong();
    }

    private boolean awakeNow() {
        return everAwake && clock.getAsLong() - awakeUntil < 0;
    }

    /** Whether a binding (b= or /1/x/7, e.g. "UQ") asks for queue mode. */
    static boolean requested(String binding) {
        return binding != null && binding.indexOf('Q') >= 0;
    }

    /** The binding as an LwM2M 1.1 b= value: without Q ("UQ" is "U"); a binding of only Q is UDP's. */
    static String transportBinding(String binding) {
        String b = binding == null ? "" : binding.replace("Q", "");
        return b.isEmpty() ? "U" : b;
    }
}
