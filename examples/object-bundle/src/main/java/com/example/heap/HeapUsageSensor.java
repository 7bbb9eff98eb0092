/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package com.example.heap;

import io.lightgate.api.model.RequireModels;
import io.lightgate.api.object.IpsoSensor;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.Polling;
import io.lightgate.api.object.SensorInstance;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 3320 (IPSO Percentage) on the gateway's endpoint: instance 0 is the share of
 * the JVM's maximum heap in use, measured every {@code intervalMillis}. {@link IpsoSensor}
 * does the rest: Min/Max Measured Value, Reset (5605), units, range, and notifying observers
 * of what changed.
 */
@RequireModels // the bundle ships DDF files (bnd.bnd: LwM2M-Models), read by the registry
@Component(service = LwM2mObject.class, immediate = true, configurationPid = HeapUsageSensor.PID)
@ObjectId(3320)
@Designate(ocd = HeapUsageConfig.class)
public final class HeapUsageSensor extends IpsoSensor {

    /** The configuration PID. */
    public static final String PID = "example.objects.heap";

    private static final Logger LOG = LoggerFactory.getLogger(HeapUsageSensor.class);

    private final DoubleSupplier heapInUse;
    private final Polling.Polled sampling;

    @Activate
    public HeapUsageSensor(HeapUsageConfig config, @Reference Polling polling) {
        this(config.intervalMillis(), polling, HeapUsageSensor::percentOfMaxHeap);
    }

    HeapUsageSensor(long intervalMillis, Polling polling, DoubleSupplier heapInUse) {
        super(SensorInstance.builder(0).units("%").range(0, 100).applicationType("JVM heap in use").build());
        this.heapInUse = heapInUse;
        sample(); // a value from the start, so the first read does not answer 5.03
        long interval = Math.max(100, intervalMillis);
        // the gateway's shared polling thread: a sample takes microseconds, no thread of the bundle's own
        sampling = polling.every(Duration.ofMillis(interval), "example heap usage (3320)", this::sample);
        LOG.info("Heap usage object 3320 started, sampling every {} ms", String.valueOf(interval));
    }

    /** Measures once; package-visible so the unit test can drive it. */
    void sample() {
        try {
            report(0, heapInUse.getAsDouble()); // sets 5700, widens 5601/5602, notifies what changed
        } catch (RuntimeException e) {
            // the polling would log it too; this says what it means for the object
            LOG.warn("Measuring the heap failed, keeping the last value", e);
        }
    }

    @Deactivate
    void deactivate() {
        sampling.close();
        LOG.info("Heap usage object 3320 stopped");
    }

    /** Heap in use in percent of the maximum heap, to 0.1 %. */
    static double percentOfMaxHeap() {
        Runtime rt = Runtime.getRuntime();
        double used = rt.totalMemory() - rt.freeMemory();
        return Math.round(used * 1000 / rt.maxMemory()) / 10.0;
    }
}
