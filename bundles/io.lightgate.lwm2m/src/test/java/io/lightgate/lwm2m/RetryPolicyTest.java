/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.Test;

/** Retry timing after failed registrations: the Server object's resources 17–20, else the gateway's backoff. */
public class RetryPolicyTest {

    private static final LongUnaryOperator MIDDLE = bound -> bound / 2; // no jitter: the nominal delay
    private static final LongUnaryOperator LOWEST = bound -> 0;

    @Test
    public void theServerObjectsTimersMakeSequencesWithADelayBetweenThem() {
        // 17 = 3 attempts per sequence, 18 = 10 s, 19 = 600 s, 20 = 2 sequences
        RetryPolicy policy = provisioned(3, 10, 600L, 2L).retryPolicy(101);
        assertTrue(policy.fromServerObject());
        List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 7; failures++) {
            delays.add(policy.delayAfter(failures, MIDDLE).toSeconds());
        }
        assertEquals("10 s, 20 s, then the sequence delay; again", List.of(10L, 20L, 600L, 10L, 20L, 600L, 10L), delays);
        assertFalse(policy.failed(5));
        assertTrue("two sequences of three attempts: the registration failed", policy.failed(6));
        assertEquals("jitter is at most a quarter", Duration.ofMillis(7500), policy.delayAfter(1, LOWEST));
    }

    @Test
    public void withoutTheTimersTheGatewayBacksOffFromOneSecondToTwoMinutes() {
        RetryPolicy policy = provisioned(4, -1, null, null).retryPolicy(101);
        assertFalse(policy.fromServerObject());
        assertEquals(Duration.ofSeconds(1), policy.delayAfter(1, MIDDLE));
        assertEquals(Duration.ofSeconds(8), policy.delayAfter(4, MIDDLE));
        assertEquals(Duration.ofMinutes(2), policy.delayAfter(30, MIDDLE));
        assertFalse(policy.failed(3));
        assertTrue("resource 17 alone still counts the attempts", policy.failed(4));
        assertEquals("an unknown server: the gateway's policy, failed after 5", RetryPolicy.GATEWAY, ClientState.empty().retryPolicy(9));
        assertTrue(RetryPolicy.GATEWAY.failed(5));
        // 18 without 19: the spec's default sequence delay of a day
        assertEquals(Duration.ofDays(1), provisioned(2, 30, null, null).retryPolicy(101).delayAfter(2, MIDDLE));
    }

    private static ClientState provisioned(long retryCount, long retryTimer, Long sequenceDelay, Long sequenceRetries) {
        List<Resource> server = new ArrayList<>(List.of(Resource.of(0, Value.of(101)), Resource.of(1, Value.of(300)),
                Resource.of(7, Value.of("U")), Resource.of(17, Value.of(retryCount))));
        if (retryTimer > 0) {
            server.add(Resource.of(18, Value.of(retryTimer)));
        }
        if (sequenceDelay != null) {
            server.add(Resource.of(19, Value.of(sequenceDelay)));
        }
        if (sequenceRetries != null) {
            server.add(Resource.of(20, Value.of(sequenceRetries)));
        }
        return ClientState.empty().write(LwM2mPath.of(1, 0), server);
    }
}
