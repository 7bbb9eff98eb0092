/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class TrafficCollectionTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final TrafficCollection collection = new TrafficCollection(nanos::get);

    @Test
    public void countsNothingBeforeStart() {
        collection.sent(100);
        assertEquals(new TrafficCollection.Figures(0, 0, 0, 0, false), collection.figures());
    }

    @Test
    public void startClearsAndCountsStopFreezes() {
        collection.start(0);
        collection.sent(1500);
        collection.received(500);
        collection.received(1000);
        TrafficCollection.Figures f = collection.figures();
        assertEquals(new TrafficCollection.Figures(1500, 1500, 3, 1500, true), f);
        assertEquals(1000, f.averagePacket());
        assertEquals(1, TrafficCollection.Figures.kilobytes(f.bytesSent()));

        collection.stop();
        collection.sent(9000);
        assertEquals("Stop keeps the figures", new TrafficCollection.Figures(1500, 1500, 3, 1500, false), collection.figures());

        collection.start(0);
        assertEquals("Start resets them", new TrafficCollection.Figures(0, 0, 0, 0, true), collection.figures());
    }

    @Test
    public void aCollectionPeriodEndsTheCollection() {
        collection.start(10);
        collection.sent(100);
        nanos.addAndGet(9_999_000_000L);
        collection.received(50);
        assertTrue(collection.figures().collecting());
        nanos.addAndGet(1_000_000L);
        collection.sent(7000);
        assertEquals(new TrafficCollection.Figures(100, 50, 2, 100, false), collection.figures());
    }

    @Test
    public void aNegativePeriodIsRefusedAndChangesNothing() {
        collection.start(0);
        collection.sent(10);
        assertThrows(IllegalArgumentException.class, () -> collection.start(-1));
        assertEquals(new TrafficCollection.Figures(10, 0, 1, 10, true), collection.figures());
        assertFalse(new TrafficCollection(nanos::get).figures().collecting());
    }
}
