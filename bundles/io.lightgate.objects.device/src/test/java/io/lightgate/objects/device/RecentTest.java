/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RecentTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger readings = new AtomicInteger();
    private final Recent<Integer> recent = new Recent<>(readings::incrementAndGet, Duration.ofSeconds(1), now::get);

    @Test
    public void aReadingAnswersUntilItIsOlderThanTheMaximumAge() {
        assertEquals(1, (int) recent.get());
        now.addAndGet(999_999_999);
        assertEquals("younger than 1 s: the same reading", 1, (int) recent.get());
        now.addAndGet(1);
        assertEquals("1 s old: read again", 2, (int) recent.get());
        assertEquals(2, readings.get());
    }

    @Test
    public void afterForgetTheNextGetReadsTheHost() {
        recent.get();
        recent.forget();
        assertEquals(2, (int) recent.get());
    }
}
