/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class ObserveSequenceTest {

    private final AtomicLong clock = new AtomicLong(1_764_950_000_000L);

    @Test
    public void followsTheClockAndStaysAheadOfItsOwnLastValue() {
        ObserveSequence sequence = new ObserveSequence(clock::get);
        int first = sequence.next();
        assertEquals((int) (clock.get() & 0xFF_FFFF), first);
        assertEquals(first + 1, sequence.next()); // same millisecond
        assertEquals(first + 2, sequence.next());
        clock.addAndGet(50);
        assertEquals(first + 50, sequence.next());
        clock.addAndGet(-10_000); // the wall clock was set back
        assertEquals(first + 51, sequence.next());
    }

    @Test
    public void aRestartedEndpointNumbersNewerThanBeforeTheRestart() {
        ObserveSequence before = new ObserveSequence(clock::get);
        int last = 0;
        for (int i = 0; i < 500; i++) { // 500 notifications within 100 ms: ahead of the clock by 400
            if (i % 5 == 0) {
                clock.incrementAndGet();
            }
            last = before.next();
        }
        clock.addAndGet(2_000); // the process is killed and starts again two seconds later
        ObserveSequence after = new ObserveSequence(clock::get);
        assertTrue(ObserveSequence.isNewer(after.next(), last));
    }

    @Test
    public void wrapsAroundIn24BitsAndStaysNewer() {
        clock.set((1L << 24) * 1000 - 2); // two milliseconds before the 24-bit value wraps
        ObserveSequence sequence = new ObserveSequence(clock::get);
        int a = sequence.next();
        clock.addAndGet(3);
        int b = sequence.next();
        assertEquals(0xFF_FFFE, a);
        assertEquals(1, b);
        assertTrue(ObserveSequence.isNewer(b, a));
    }

    @Test
    public void newerFollowsRfc7641() {
        assertTrue(ObserveSequence.isNewer(2, 1));
        assertFalse(ObserveSequence.isNewer(1, 2));
        assertFalse(ObserveSequence.isNewer(5, 5));
        assertTrue(ObserveSequence.isNewer(3, 0xFF_FFF0)); // wrapped
        assertFalse(ObserveSequence.isNewer((1 << 23) + 1, 0)); // more than half the space ahead: older
    }
}
