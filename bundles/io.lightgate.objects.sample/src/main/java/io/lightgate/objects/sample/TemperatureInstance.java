/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.SimpleInstance;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Temperature instance: a sensor, what it measured, and the resources of 3303 over them.
 * Samples arrive on the object's sampling thread while reads and Reset arrive on engine
 * threads, so the readings are one immutable value swapped atomically.
 */
final class TemperatureInstance {

    static final int MIN_MEASURED = 5601;
    static final int MAX_MEASURED = 5602;
    static final int MIN_RANGE = 5603;
    static final int MAX_RANGE = 5604;
    static final int RESET_MIN_MAX = 5605;
    static final int SENSOR_VALUE = 5700;
    static final int SENSOR_UNITS = 5701;
    static final int APPLICATION_TYPE = 5750;

    private static final Logger LOG = LoggerFactory.getLogger(TemperatureInstance.class);

    private final int id;
    private final TemperatureSensor sensor;
    private final Consumer<int[]> changes;
    private final AtomicReference<Readings> readings;
    private final AtomicReference<String> applicationType;
    private final SimpleInstance resources;
    private volatile boolean failing;

    /**
     * @param first the sensor's first measurement
     * @param changes told the ids of the resources that changed, never with none
     */
    TemperatureInstance(int id, TemperatureSensor sensor, double first, double minRange, double maxRange,
            Consumer<int[]> changes) {
        this.id = id;
        this.sensor = sensor;
        this.changes = changes;
        this.readings = new AtomicReference<>(Readings.first(first));
        this.applicationType = new AtomicReference<>(sensor.applicationType());
        this.resources = SimpleInstance.builder(id)
                .readsAtOnce() // the readings are held here
                .floating(SENSOR_VALUE, () -> readings.get().value())
                .floating(MIN_MEASURED, () -> readings.get().min())
                .floating(MAX_MEASURED, () -> readings.get().max())
                .floating(MIN_RANGE, () -> minRange)
                .floating(MAX_RANGE, () -> maxRange)
                .string(SENSOR_UNITS, () -> "Cel")
                .executable(RESET_MIN_MAX, args -> update(Readings::resetMinMax))
                .writable(APPLICATION_TYPE, ResourceType.STRING,
                        () -> Value.of(applicationType.get()), v -> applicationType.set(v.asString()))
                .build();
    }

    int id() {
        return id;
    }

    SimpleInstance resources() {
        return resources;
    }

    /** Measures once; a failed measurement keeps the last value and changes nothing. */
    void sample() {
        double v;
        try {
            v = sensor.read();
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Temperature instance {}: reading failed, keeping the last value: {}", id, e);
            }
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("Temperature instance {}: reading again", id);
        }
        update(r -> r.next(v));
    }

    private void update(UnaryOperator<Readings> change) {
        Readings before;
        Readings after;
        do {
            before = readings.get();
            after = change.apply(before);
        } while (!readings.compareAndSet(before, after));
        int[] changed = Readings.changes(before, after);
        if (changed.length > 0) {
            changes.accept(changed);
        }
    }
}
