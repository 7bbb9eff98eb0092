/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Runs against this test JVM's own options (G1 is the JVM's default collector; skipped under another). */
public class IdleHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final List<Runnable> later = new ArrayList<>();
    private String interval;
    private String minFree;
    private String maxFree;

    @Before
    public void remember() {
        assumeTrue("the JVM runs G1", "true".equals(vm.getVMOption("UseG1GC").getValue()));
        interval = vm.getVMOption("G1PeriodicGCInterval").getValue();
        minFree = vm.getVMOption("MinHeapFreeRatio").getValue();
        maxFree = vm.getVMOption("MaxHeapFreeRatio").getValue();
    }

    @After
    public void restore() {
        if (interval != null) {
            vm.setVMOption("G1PeriodicGCInterval", interval);
            vm.setVMOption("MaxHeapFreeRatio", maxFree);
            vm.setVMOption("MinHeapFreeRatio", minFree);
        }
    }

    /** One test: once set, an option's origin is no longer the JVM's default in this JVM (the tests share it). */
    @Test
    public void theFirstIdleCollectionComesSoonThenRarelyAndWhatSomebodySetIsLeftAlone() {
        assumeTrue("G1PeriodicGCInterval not given to the test JVM",
                vm.getVMOption("G1PeriodicGCInterval").getOrigin() == VMOption.Origin.DEFAULT);
        assertTrue(IdleHeap.tuneG1(vm, later::add));
        assertEquals(IdleHeap.FIRST_PERIODIC_GC_MS, vm.getVMOption("G1PeriodicGCInterval").getValue());
        assertEquals("30", vm.getVMOption("MaxHeapFreeRatio").getValue());
        assertEquals(1, later.size());

        later.get(0).run();
        assertEquals(IdleHeap.PERIODIC_GC_MS, vm.getVMOption("G1PeriodicGCInterval").getValue());

        later.clear();
        assertFalse("an interval somebody set is not the JVM's default any more", IdleHeap.tuneG1(vm, later::add));
        assertTrue(later.isEmpty());

        vm.setVMOption("G1PeriodicGCInterval", "60000"); // e.g. jcmd <pid> VM.set_flag while it runs
        IdleHeap.settle(vm);
        assertEquals("60000", vm.getVMOption("G1PeriodicGCInterval").getValue());

        vm.setVMOption("G1PeriodicGCInterval", IdleHeap.FIRST_PERIODIC_GC_MS);
        IdleHeap.settle(vm);
        assertEquals(IdleHeap.PERIODIC_GC_MS, vm.getVMOption("G1PeriodicGCInterval").getValue());
    }
}
