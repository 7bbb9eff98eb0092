/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
 * at most 30 % free after a GC, bring it back. The first such GC comes soon after the start
 * ({@value #FIRST_PERIODIC_GC_MS} ms without one), so the start's garbage is not held through the
 * gateway's first idle seconds; {@value #STEADY_AFTER_SECONDS} s later the interval becomes
 * {@value #PERIODIC_GC_MS} ms, so an idle gateway collects rarely. The options are "manageable" (settable while the
 * JVM runs); one given on the command line is left as it is, and so is every other collector
 * (bin/lightgate runs the serial one, with its own options). {@value #PROPERTY}{@code =false}
 * turns this off.
 */
final class IdleHeap {

    static final String PROPERTY = "lightgate.heap.giveback";
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);
    static final String FIRST_PERIODIC_GC_MS = "2000";
    static final String PERIODIC_GC_MS = "10000";
    static final long STEADY_AFTER_SECONDS = 15;

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
            Executor later = Later.after(STEADY_AFTER_SECONDS, TimeUnit.SECONDS);
            if (vm != null && tuneG1(vm, later)) {
                LOG.info("Idle heap is given back to the system (G1 periodic GC after {} ms without one, {} ms from {} s on; "
                        + "-D{}=false turns it off)", FIRST_PERIODIC_GC_MS, PERIODIC_GC_MS, STEADY_AFTER_SECONDS, PROPERTY);
            }
        } catch (RuntimeException | LinkageError e) {
            // another JVM than HotSpot, or a runtime without jdk.management: nothing to tune
            LOG.debug("Heap give-back not set: {}", e.toString());
        }
    }

    /**
     * Under G1, sets the periodic GC and the heap's free ratios where nobody gave them; the steady
     * interval is set on {@code later}. Answers whether the periodic GC is this class's.
     */
    static boolean tuneG1(HotSpotDiagnosticMXBean vm, Executor later) {
        if (!"true".equals(vm.getVMOption("UseG1GC").getValue())) {
            return false;
        }
        boolean periodic = setDefault(vm, "G1PeriodicGCInterval", FIRST_PERIODIC_GC_MS);
        // MinHeapFreeRatio first: the JVM refuses a Max below the current Min
        setDefault(vm, "MinHeapFreeRatio", "10");
        setDefault(vm, "MaxHeapFreeRatio", "30");
        if (periodic) {
            later.execute(() -> settle(vm));
        }
        return periodic;
    }

    /** The steady interval, unless somebody (jcmd, a JMX console) changed the option in the meantime. */
    static void settle(HotSpotDiagnosticMXBean vm) {
        try {
            if (FIRST_PERIODIC_GC_MS.equals(vm.getVMOption("G1PeriodicGCInterval").getValue())) {
                vm.setVMOption("G1PeriodicGCInterval", PERIODIC_GC_MS);
            }
        } catch (RuntimeException e) {
            LOG.debug("G1 periodic GC interval left at {} ms: {}", FIRST_PERIODIC_GC_MS, e.toString());
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
