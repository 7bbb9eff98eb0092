/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static io.lightgate.lwm2m.NotificationRetransmissions.Verdict.NOTHING_HEARD;
import static io.lightgate.lwm2m.NotificationRetransmissions.Verdict.RETRANSMIT;
import static io.lightgate.lwm2m.NotificationRetransmissions.Verdict.SECOND_RETRANSMISSION;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * When a retransmitted CON notification makes its server unreachable: at once when no endpoint of
 * the gateway heard from the server since it went out (an outage), else at the second
 * retransmission (congestion gets one retransmission). Time is a fake nanosecond clock.
 */
public class NotificationRetransmissionsTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
    private static final InetSocketAddress OTHER_SERVER = new InetSocketAddress("127.0.0.1", 5783);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ServerLastHeard lastHeard = new ServerLastHeard(clock::get);
    // one per endpoint and server, as StoreAndForward keeps them; both endpoints share the gateway's lastHeard
    private final NotificationRetransmissions<String> endpoint = new NotificationRetransmissions<>(lastHeard);
    private final NotificationRetransmissions<String> otherEndpoint = new NotificationRetransmissions<>(lastHeard);

    private long later(long millis) {
        return clock.addAndGet(millis * 1_000_000L);
    }

    @Test
    public void aServerHeardFromAfterTheNotificationWentOutStaysReachableAtTheFirstRetransmissionNotAtTheSecond() {
        long sentAt = lastHeard.now();
        later(100);
        lastHeard.heard(SERVER); // another endpoint got an ACK
        later(2_000);
        assertEquals(RETRANSMIT, endpoint.retransmitting("relation", SERVER, sentAt));
        later(4_000);
        assertEquals("the same notification again, even with the server heard from meanwhile", SECOND_RETRANSMISSION,
                endpoint.retransmitting("relation", SERVER, sentAt));
    }

    @Test
    public void aServerNothingWasHeardFromSinceTheNotificationWentOutIsUnreachableAtTheFirstRetransmission() {
        lastHeard.heard(SERVER); // heard before: says nothing about now
        later(10);
        long sentAt = lastHeard.now();
        later(2_000);
        assertEquals(NOTHING_HEARD, endpoint.retransmitting("relation", SERVER, sentAt));
    }

    @Test
    public void aServerNeverHeardFromOrWithoutAnAddressIsUnreachableAtTheFirstRetransmission() {
        long sentAt = lastHeard.now();
        later(2_000);
        assertEquals(NOTHING_HEARD, endpoint.retransmitting("relation", SERVER, sentAt));
        lastHeard.heard(SERVER);
        assertEquals(NOTHING_HEARD, endpoint.retransmitting("another relation", null, sentAt));
    }

    @Test
    public void hearingFromOneServerSaysNothingAboutAnother() {
        long sentAt = lastHeard.now();
        later(100);
        lastHeard.heard(OTHER_SERVER);
        later(2_000);
        assertEquals(NOTHING_HEARD, endpoint.retransmitting("relation", SERVER, sentAt));
        assertEquals(RETRANSMIT, otherEndpoint.retransmitting("relation", OTHER_SERVER, sentAt));
    }

    @Test
    public void anAcknowledgedNotificationGivesTheRelationsNextOneItsRetransmissionAgain() {
        long sentAt = lastHeard.now();
        later(100);
        lastHeard.heard(SERVER);
        assertEquals(RETRANSMIT, endpoint.retransmitting("relation", SERVER, sentAt));
        endpoint.settled("relation"); // the retransmission was acknowledged
        long nextSentAt = lastHeard.now();
        later(100);
        lastHeard.heard(SERVER);
        assertEquals(RETRANSMIT, endpoint.retransmitting("relation", SERVER, nextSentAt));
    }

    @Test
    public void relationsAndEndpointsCountTheirRetransmissionsApart() {
        long sentAt = lastHeard.now();
        later(100);
        lastHeard.heard(SERVER);
        assertEquals(RETRANSMIT, endpoint.retransmitting("relation", SERVER, sentAt));
        assertEquals(RETRANSMIT, endpoint.retransmitting("another relation", SERVER, sentAt));
        assertEquals(RETRANSMIT, otherEndpoint.retransmitting("relation", SERVER, sentAt));
        endpoint.clear(); // the server went offline: what was in transit is stored
        assertEquals(RETRANSMIT, endpoint.retransmitting("relation", SERVER, sentAt));
        assertEquals(SECOND_RETRANSMISSION, otherEndpoint.retransmitting("relation", SERVER, sentAt));
    }

    @Test
    public void heardIsStrictlyAfterTheTimeGivenAndSurvivesTheClockPassingZero() {
        clock.set(-5);
        long sentAt = lastHeard.now();
        lastHeard.heard(SERVER); // the same instant: not after
        assertFalse(lastHeard.heardSince(SERVER, sentAt));
        clock.set(5); // nanoTime may be negative and cross zero
        lastHeard.heard(SERVER);
        assertTrue(lastHeard.heardSince(SERVER, sentAt));
        assertFalse(lastHeard.heardSince(OTHER_SERVER, sentAt));
    }
}
