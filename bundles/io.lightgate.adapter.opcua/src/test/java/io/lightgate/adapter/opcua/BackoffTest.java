/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The delays between connection attempts: backing off before the first connection, prompt after a lost session. */
public class BackoffTest {

    @Test
    public void beforeTheFirstConnectionTheDelayDoublesUpToTheLongest() {
        Backoff b = new Backoff(1000, 30000, 30000);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(b.delayAfterFailure(i * 1000L));
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), delays);
    }

    @Test
    public void afterALostSessionAttemptsFollowEveryShortestDelayForAWhileThenBackOff() {
        Backoff b = new Backoff(200, 5000, 3000);
        b.delayAfterFailure(0);
        b.delayAfterFailure(0); // grown before the first connection
        b.connected();
        b.lost(10_000);
        List<Long> delays = new ArrayList<>();
        for (long now = 10_000; now < 13_000; now += 200) {
            delays.add(b.delayAfterFailure(now));
        }
        assertEquals(15, delays.size());
        assertEquals("every 200 ms while the server is expected back", List.of(200L), delays.stream().distinct().toList());
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L), List.of(b.delayAfterFailure(13_000), b.delayAfterFailure(13_200),
                b.delayAfterFailure(13_600), b.delayAfterFailure(14_400), b.delayAfterFailure(16_000), b.delayAfterFailure(19_200)));
    }

    @Test
    public void aConnectionStartsTheNextOutageFromTheShortestDelay() {
        Backoff b = new Backoff(100, 1000, 0);
        b.delayAfterFailure(0);
        b.delayAfterFailure(0);
        b.delayAfterFailure(0);
        b.connected();
        assertEquals(100, b.delayAfterFailure(0));
        assertEquals(200, b.delayAfterFailure(0));
    }
}
