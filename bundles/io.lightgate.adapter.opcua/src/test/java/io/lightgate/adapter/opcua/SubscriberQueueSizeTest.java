/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The queue size each monitored item asks for: every sample of a publishing interval fits. */
public class SubscriberQueueSizeTest {

    @Test
    public void byDefaultEverySampleOfOnePublishingIntervalFits() {
        assertEquals(3, Subscriber.queueSize(0, 500, 1000)); // the defaults: 2 samples per publish, one more for jitter
        assertEquals(3, Subscriber.queueSize(0, 50, 100));
        assertEquals(21, Subscriber.queueSize(0, 50, 1000));
        assertEquals("sampling slower than publishing", 2, Subscriber.queueSize(0, 2000, 1000));
        assertEquals("sampling 0 (as fast as the server can): counted as 1 ms, capped", 1000, Subscriber.queueSize(0, 0, 5000));
    }

    @Test
    public void aConfiguredSizeIsTakenAsItIs() {
        assertEquals(1, Subscriber.queueSize(1, 50, 1000));
        assertEquals(5000, Subscriber.queueSize(5000, 50, 1000));
    }
}
