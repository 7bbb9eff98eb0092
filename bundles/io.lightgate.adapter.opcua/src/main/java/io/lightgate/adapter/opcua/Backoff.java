/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

/**
 * The delays between connection attempts. Before the first connection: {@code minMs}, doubling
 * up to {@code maxMs}. After a lost session the server is expected back soon (a restart, a
 * blip): attempts follow every {@code minMs} for {@code promptMs}, then back off as before.
 * Not thread-safe (confined to the connection's executor).
 */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private final long promptMs;
    private long next;
    private long lostAtMs = Long.MIN_VALUE;

    Backoff(long minMs, long maxMs, long promptMs) {
        this.minMs = Math.max(1, minMs);
        this.maxMs = Math.max(this.minMs, maxMs);
        this.promptMs = Math.max(0, promptMs);
        this.next = this.minMs;
    }

    /** Connected: the next outage starts from the shortest delay. */
    void connected() {
        next = minMs;
        lostAtMs = Long.MIN_VALUE;
    }

    /** The session was lost at {@code nowMs}: prompt attempts from now. */
    void lost(long nowMs) {
        next = minMs;
        lostAtMs = nowMs;
    }

    /** The delay before the next attempt after one failed at {@code nowMs}. */
    long delayAfterFailure(long nowMs) {
        if (lostAtMs != Long.MIN_VALUE && nowMs - lostAtMs < promptMs) {
            return minMs;
        }
        long d = next;
        next = Math.min(maxMs, next * 2);
        return d;
    }

    long minMs() {
        return minMs;
    }

    long promptMs() {
        return promptMs;
    }
}
