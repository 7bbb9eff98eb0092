/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package com.example.heap;

import io.lightgate.api.model.RequireModels;
import io.lightgate.api.object.IpsoSensor;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.SensorInstance;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
    private final ScheduledExecutorService sampler;

    @Activate
    public HeapUsageSensor(HeapUsageConfig config) {
        this(config.intervalMillis(), HeapUsageSensor::percentOfMaxHeap);
    }

    HeapUsageSensor(long intervalMillis, DoubleSupplier heapInUse) {
        super(SensorInstance.builder(0).units("%").range(0, 100).applicationType("JVM heap in use").build());
        this.heapInUse = heapInUse;
        sample(); // a value from the start, so the first read does not answer 5.03
        long interval = Math.max(100, intervalMillis);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "example-heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Heap usage object 3320 started, sampling every {} ms", String.valueOf(interval));
    }

    /** Measures once; package-visible so the unit test can drive it. */
    void sample() {
        try {
            report(0, heapInUse.getAsDouble()); // sets 5700, widens 5601/5602, notifies what changed
        } catch (RuntimeException e) {
            // an exception escaping a periodic task would end all further sampling
            LOG.warn("Measuring the heap failed, keeping the last value", e);
        }
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
        LOG.info("Heap usage object 3320 stopped");
    }

    /** Heap in use in percent of the maximum heap, to 0.1 %. */
    static double percentOfMaxHeap() {
        Runtime rt = Runtime.getRuntime();
        double used = rt.totalMemory() - rt.freeMemory();
        return Math.round(used * 1000 / rt.maxMemory()) / 10.0;
    }
}
