/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Base class for the common IPSO sensor objects (Temperature 3303, Humidity 3304,
 * Percentage 3320, Voltage 3316, Generic Sensor 3300 and the others of the 33xx family):
 * each instance has Sensor Value (5700), Min/Max Measured Value (5601/5602, tracked from the
 * values reported), Reset Min and Max Measured Values (5605) and, when its
 * {@link SensorInstance} sets them, Sensor Units (5701), Min/Max Range Value (5603/5604) and
 * a writable Application Type (5750).
 *
 * <p>Report each new measurement with {@link #report(int, double)}; observers are told of
 * exactly the resources whose values changed. Until the first report the measured values
 * answer 5.03. All methods may be called from any thread.
 *
 * <pre>{@code
 * @Component(service = LwM2mObject.class, immediate = true)
 * @ObjectId(3303)
 * public final class FreezerTemperature extends IpsoSensor {
 *     @Activate
 *     public FreezerTemperature() {
 *         super(SensorInstance.builder(0).units("Cel").range(-40, 20).build());
 *     }
 *     void sampled(double celsius) {   // called by whatever measures
 *         report(0, celsius);
 *     }
 * }
 * }</pre>
 */
public class IpsoSensor extends SimpleObject {

    public static final int MIN_MEASURED_VALUE = 5601;
    public static final int MAX_MEASURED_VALUE = 5602;
    public static final int MIN_RANGE_VALUE = 5603;
    public static final int MAX_RANGE_VALUE = 5604;
    public static final int RESET_MIN_AND_MAX = 5605;
    public static final int SENSOR_VALUE = 5700;
    public static final int SENSOR_UNITS = 5701;
    public static final int APPLICATION_TYPE = 5750;

    /** Per instance id; a null reading means nothing measured yet. */
    private final Map<Integer, AtomicReference<SensorReadings>> readings = new ConcurrentHashMap<>();

    public IpsoSensor(SensorInstance... sensors) {
        for (SensorInstance s : sensors) {
            addSensor(s);
        }
    }

    /** Adds (or replaces) a sensor instance and tells the registry; it has measured nothing yet. */
    public final void addSensor(SensorInstance sensor) {
        int id = sensor.id();
        AtomicReference<SensorReadings> state = new AtomicReference<>();
        readings.put(id, state);
        AtomicReference<String> applicationType = new AtomicReference<>(sensor.applicationType().orElse(null));
        SimpleInstance.Builder b = SimpleInstance.builder(id)
                .floating(SENSOR_VALUE, () -> measured(id, state).value())
                .floating(MIN_MEASURED_VALUE, () -> measured(id, state).min())
                .floating(MAX_MEASURED_VALUE, () -> measured(id, state).max())
                .executable(RESET_MIN_AND_MAX, args -> resetMinMax(id));
        sensor.units().ifPresent(u -> b.string(SENSOR_UNITS, () -> u));
        sensor.minRange().ifPresent(min -> b.floating(MIN_RANGE_VALUE, () -> min));
        sensor.maxRange().ifPresent(max -> b.floating(MAX_RANGE_VALUE, () -> max));
        if (applicationType.get() != null) {
            // SimpleObject.write reports the change of a written resource itself
            b.writable(APPLICATION_TYPE, ResourceType.STRING, () -> Value.of(applicationType.get()),
                    v -> applicationType.set(v.asString()));
        }
        addInstance(b.build());
    }

    @Override
    public boolean removeInstance(int instanceId) {
        boolean removed = super.removeInstance(instanceId);
        readings.remove(instanceId);
        return removed;
    }

    /**
     * Reports a new measurement of an instance: sets Sensor Value, widens Min/Max Measured
     * Value as needed and notifies observers of the resources that changed.
     *
     * @throws IllegalArgumentException when the value is NaN or infinite, or the instance was
     *         not added with {@link #addSensor} (or the constructor)
     */
    public final void report(int instanceId, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("instance " + instanceId + ": " + value + " is not a measurement");
        }
        update(instanceId, r -> r == null ? SensorReadings.first(value) : r.next(value));
    }

    /**
     * What Reset Min and Max Measured Values (5605) does: both become the current value.
     * An Execute that changes values has to report the change like any other (here: 5601 and
     * 5602), or observers never hear of it.
     */
    public final void resetMinMax(int instanceId) {
        update(instanceId, r -> r == null ? null : SensorReadings.first(r.value()));
    }

    /** The latest value reported for the instance; empty before the first report. */
    public final OptionalDouble value(int instanceId) {
        SensorReadings r = state(instanceId).get();
        return r == null ? OptionalDouble.empty() : OptionalDouble.of(r.value());
    }

    private void update(int instanceId, UnaryOperator<SensorReadings> change) {
        AtomicReference<SensorReadings> state = state(instanceId);
        SensorReadings before;
        SensorReadings after;
        do {
            before = state.get();
            after = change.apply(before);
        } while (!state.compareAndSet(before, after));
        if (after != null) {
            int[] changed = SensorReadings.changes(before, after);
            if (changed.length > 0) {
                fireResourcesChanged(instanceId, changed);
            }
        }
    }

    private AtomicReference<SensorReadings> state(int instanceId) {
        AtomicReference<SensorReadings> state = readings.get(instanceId);
        if (state == null) {
            throw new IllegalArgumentException("instance " + instanceId + " is not a sensor instance of this object");
        }
        return state;
    }

    private static SensorReadings measured(int instanceId, AtomicReference<SensorReadings> state) {
        SensorReadings r = state.get();
        if (r == null) {
            throw LwM2mException.unavailable("sensor instance " + instanceId + " has measured nothing yet");
        }
        return r;
    }
}
