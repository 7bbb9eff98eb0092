/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * When to try again after a failed Register or Bootstrap-Request. Two shapes:
 * <ul>
 * <li>the Server object's communication retry resources (Core 6.2.1.1, resources 17–20), when a
 * bootstrap server wrote them: attempts in sequences of {@code retryCount}, the n-th retry of a
 * sequence after {@code retryTimer × 2^(n-1)}, {@code sequenceDelay} between sequences, the
 * registration failed (bootstrap on failure may follow) after {@code sequenceRetryCount}
 * sequences — later sequences still follow, a gateway never gives up on its server;</li>
 * <li>otherwise the gateway's own: 1 s doubling up to 2 minutes, "failed" after
 * {@code retryCount} attempts (resource 17 alone, default 5), so a plant network that comes back
 * is found within minutes rather than the spec's default day.</li>
 * </ul>
 * Delays get ±25 % jitter so that many endpoints do not retry in step. Pure: the random source is
 * passed in.
 *
 * @param retryCount resource 17, at least 1
 * @param retryTimer resource 18, or null for the gateway's backoff
 * @param sequenceDelay resource 19 (with 18)
 * @param sequenceRetryCount resource 20 (with 18), at least 1
 */
record RetryPolicy(long retryCount, Duration retryTimer, Duration sequenceDelay, long sequenceRetryCount) {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(2);

    /** The gateway's backoff, "failed" after 5 attempts (the default of resource 17). */
    static final RetryPolicy GATEWAY = new RetryPolicy(5, null, null, 1);

    RetryPolicy {
        retryCount = Math.max(1, retryCount);
        sequenceRetryCount = Math.max(1, sequenceRetryCount);
        if (retryTimer != null && sequenceDelay == null) {
            sequenceDelay = Duration.ofDays(1); // the spec's default of resource 19
        }
    }

    /** Whether the timers come from the Server object (resource 18 present). */
    boolean fromServerObject() {
        return retryTimer != null;
    }

    /**
     * The wait after the {@code failures}-th failed attempt in a row (1 for the first).
     *
     * @param jitter maps a bound to a random value in [0, bound] (e.g. ThreadLocalRandom's nextLong(bound + 1))
     */
    Duration delayAfter(int failures, LongUnaryOperator jitter) {
        long millis;
        if (retryTimer == null) {
            millis = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(Math.max(failures, 1) - 1, 16));
        } else {
            int inSequence = (int) ((Math.max(failures, 1) - 1) % retryCount); // 0 for the first failure of a sequence
            if (inSequence == retryCount - 1) {
                return sequenceDelay; // the sequence failed: the next one starts after the sequence delay, no jitter
            }
            millis = retryTimer.toMillis() << Math.min(inSequence, 20);
        }
        long spread = millis / 4;
        return Duration.ofMillis(millis - spread + jitter.applyAsLong(2 * spread));
    }

    /** Whether {@code failures} attempts in a row mean the registration failed (Bootstrap on Registration Failure may follow). */
    boolean failed(int failures) {
        return failures >= retryCount * (retryTimer == null ? 1 : sequenceRetryCount);
    }
}
