/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.eclipse.californium.core.coap.CoAP;
import org.junit.Test;

public class MessageIdLeasesTest {

    private static final Duration CON = Duration.ofSeconds(247);
    private static final Duration NON = Duration.ofSeconds(145);

    @Test
    public void theDefaultRateIsWhatTheMessageIdsCarry() {
        // all CON: the 126 groups of 512 IDs below 65,000 per 247 s (less one group in passing) = 259/s, 95 % of it
        assertEquals(246, new MessageIdBudget(1, CON, NON).perSecond(), 1);
        // NON with every 10th CON: 90 % of the IDs are free again after 145 s instead of 247 s
        double nonRate = new MessageIdBudget(10, CON, NON).perSecond();
        assertTrue("got " + nonRate, nonRate > 380 && nonRate < 65_536 / (0.1 * 247 + 0.9 * 145));
        // NON lifetime as long as the CON one (for a server that keeps every ID 247 s): no gain
        assertEquals(243, new MessageIdBudget(10, CON, CON).perSecond(), 1);
    }

    @Test
    public void notificationsAtTheBudgetRateNeverRunOutNorReuseAnIdTooEarly() {
        for (int conEvery : new int[] {1, 2, 10, 100}) {
            MessageIdBudget budget = new MessageIdBudget(conEvery, CON, NON);
            sendFor(budget, budget.perSecond(), Duration.ofSeconds(600));
        }
    }

    @Test
    public void beyondTheBudgetThereIsNoIdToGive() {
        MessageIdBudget budget = new MessageIdBudget(10, CON, NON);
        MessageIdLeases leases = new MessageIdLeases(budget, 0, new Random(1));
        int given = 0;
        while (given < 70_000 && leases.next(given % 10 == 0 ? CoAP.Type.CON : CoAP.Type.NON, 1_000) >= 0) {
            given++;
        }
        // at one instant: at most every ID below 65,000 once (a range's first group may be entered part way)
        assertTrue("gave " + given, given <= 65_000 && given > 60_000);
    }

    @Test
    public void noIdFromCaliforniumsMulticastRangeIsEverGiven() {
        // Californium (ours and a Leshan server's) drops an ACK or response whose ID is at or above
        // MULTICAST_BASE_MID (65,000) as one to a multicast request: a CON notification with such an ID
        // is never acknowledged. Every ID of several full passes, for both message types, stays below.
        for (int limit : new int[] {65_000, 60_000, 65_536}) {
            MessageIdBudget budget = new MessageIdBudget(10, CON, NON, limit);
            for (int seed = 0; seed < 20; seed++) {
                MessageIdLeases leases = new MessageIdLeases(budget, 0, new Random(seed));
                long now = 0;
                for (int k = 0; k < 3 * 65_536; k++) {
                    now += 10_000_000_000L; // far apart: every group is free again, the cursor goes all the way round
                    int mid = leases.next(k % 10 == 0 ? CoAP.Type.CON : CoAP.Type.NON, now);
                    assertTrue("ID " + mid + " with limit " + limit + " (seed " + seed + ")", mid >= 0 && mid < limit);
                }
            }
        }
    }

    /** Sends at {@code perSecond} (CON every n-th) and checks each ID against its last use and that use's lifetime. */
    private static void sendFor(MessageIdBudget budget, double perSecond, Duration duration) {
        long start = 5_000_000_000L;
        MessageIdLeases leases = new MessageIdLeases(budget, start, new Random(7));
        long[] freeAgain = new long[65_536];
        Arrays.fill(freeAgain, Long.MIN_VALUE);
        long count = (long) (perSecond * duration.toSeconds());
        for (long k = 0; k < count; k++) {
            long now = start + (long) (k * 1e9 / perSecond);
            boolean con = k % budget.conEvery() == 0;
            int mid = leases.next(con ? CoAP.Type.CON : CoAP.Type.NON, now);
            assertTrue("no ID for message " + k + " at " + (now - start) / 1e9 + " s, " + budget, mid >= 0);
            assertTrue("ID " + mid + " reused too early at message " + k + ", " + budget, freeAgain[mid] <= now);
            freeAgain[mid] = now + (con ? budget.conLifetime() : budget.nonLifetime()).toNanos();
        }
    }
}
