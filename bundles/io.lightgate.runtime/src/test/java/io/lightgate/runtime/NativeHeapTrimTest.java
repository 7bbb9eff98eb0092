/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class NativeHeapTrimTest {

    @Test
    public void aJvmWithoutTheCommandIsNotAskedAgain() {
        AtomicInteger asked = new AtomicInteger();
        NativeHeapTrim trim = new NativeHeapTrim(() -> {
            asked.incrementAndGet();
            return null;
        });
        assertFalse("no command: no further trims", trim.trimNow(true));
        assertEquals(1, asked.get());
    }

    @Test
    public void aFailingCommandStopsTheTrims() {
        NativeHeapTrim trim = new NativeHeapTrim(() -> {
            throw new IllegalStateException("refused");
        });
        assertFalse(trim.trimNow(false));
    }

    @Test
    public void aReportMeansTrimmedAndAgainLater() {
        NativeHeapTrim trim = new NativeHeapTrim(() -> "Trim native heap: RSS+Swap: 101780K->93612K (-8168K)");
        assertTrue(trim.trimNow(true));
    }

    @Test
    public void thisJvmTrimsItsNativeHeap() {
        Runtime.Version v = Runtime.version();
        boolean supported = v.feature() > 17 || (v.feature() == 17 && v.update() >= 9);
        assumeTrue("System.trim_native_heap needs JDK 17.0.9 or later on Linux, this is " + v,
                supported && System.getProperty("os.name").startsWith("Linux"));
        assertTrue("the JVM's System.trim_native_heap ran and reported", NativeHeapTrim.ofThisJvm().trimNow(true));
    }
}
