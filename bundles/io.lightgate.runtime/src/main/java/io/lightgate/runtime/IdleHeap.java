/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets G1 (the JVM's default collector) give idle heap back to the system when the gateway runs
 * as plain {@code java -jar}: after start-up the heap holds garbage of bundle installation, model
 * parsing and class loading that no GC comes to collect while the gateway idles, so the process
 * kept its start-up peak for good. A periodic GC when none ran for a while, and a heap shrunk to
 * at most 30 % free after a GC, bring it back. The options are "manageable" (settable while the
 * JVM runs); one given on the command line is left as it is, and so is every other collector
 * (bin/lightgate runs the serial one, with its own options). {@value #PROPERTY}{@code =false}
 * turns this off.
 */
final class IdleHeap {

    static final String PROPERTY = "lightgate.heap.giveback";
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);
    private static final String PERIODIC_GC_MS = "10000";

    private IdleHeap() {
    }

    /**
     * Applies the settings once the framework has reached the start level of every installed
     * bundle (the bnd launcher raises it level by level after the framework is active): a heap
     * kept small while the bundles start would mean more collections during the start.
     */
    static void applyOnceStarted(BundleContext context, NativeHeapTrim nativeHeap) {
        AtomicBoolean done = new AtomicBoolean();
        FrameworkListener listener = new FrameworkListener() {
            @Override
            public void frameworkEvent(FrameworkEvent event) {
                if ((event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED)
                        && allLevelsReached(context) && done.compareAndSet(false, true)) {
                    context.removeFrameworkListener(this);
                    apply(context, nativeHeap);
                }
            }
        };
        context.addFrameworkListener(listener);
        if (allLevelsReached(context) && done.compareAndSet(false, true)) {
            context.removeFrameworkListener(listener);
            apply(context, nativeHeap); // this bundle started in a framework already up
        }
    }

    private static boolean allLevelsReached(BundleContext context) {
        try {
            int framework = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
            int highest = 0;
            for (Bundle b : context.getBundles()) {
                BundleStartLevel level = b.adapt(BundleStartLevel.class);
                highest = Math.max(highest, level == null ? 0 : level.getStartLevel());
            }
            return framework >= highest;
        } catch (IllegalStateException e) {
            return false; // this bundle is stopping
        }
    }

    static void apply(BundleContext context, NativeHeapTrim nativeHeap) {
        if ("false".equalsIgnoreCase(context.getProperty(PROPERTY))) {
            return;
        }
        nativeHeap.start(); // whatever the collector: the C library's freed memory is not the Java heap
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !"true".equals(vm.getVMOption("UseG1GC").getValue())) {
                return;
            }
            boolean periodic = setDefault(vm, "G1PeriodicGCInterval", PERIODIC_GC_MS);
            // MinHeapFreeRatio first: the JVM refuses a Max below the current Min
            setDefault(vm, "MinHeapFreeRatio", "10");
            setDefault(vm, "MaxHeapFreeRatio", "30");
            if (periodic) {
                LOG.info("Idle heap is given back to the system (G1 periodic GC after {} ms without one; -D{}=false turns it off)",
                        PERIODIC_GC_MS, PROPERTY);
            }
        } catch (RuntimeException | LinkageError e) {
            // another JVM than HotSpot, or a runtime without jdk.management: nothing to tune
            LOG.debug("Heap give-back not set: {}", e.toString());
        }
    }

    /** Sets the option unless it was given on the command line (or elsewhere); answers whether it did. */
    private static boolean setDefault(HotSpotDiagnosticMXBean vm, String name, String value) {
        if (vm.getVMOption(name).getOrigin() != VMOption.Origin.DEFAULT) {
            return false;
        }
        vm.setVMOption(name, value);
        return true;
    }
}
