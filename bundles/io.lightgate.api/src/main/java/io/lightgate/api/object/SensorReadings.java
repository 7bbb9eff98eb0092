/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import java.util.Arrays;

/**
 * What one {@link IpsoSensor} instance has measured: the latest value and the extremes since
 * the first value or the last reset. Immutable, so an instance swaps it atomically.
 */
record SensorReadings(double value, double min, double max) {

    /** After the first value (or a reset): both extremes are the value. */
    static SensorReadings first(double value) {
        return new SensorReadings(value, value, value);
    }

    /** After measuring {@code v}. */
    SensorReadings next(double v) {
        return new SensorReadings(v, Math.min(min, v), Math.max(max, v));
    }

    /** The resources whose values differ between {@code before} (null: nothing measured) and {@code after}. */
    static int[] changes(SensorReadings before, SensorReadings after) {
        int[] ids = new int[3];
        int n = 0;
        if (before == null || Double.compare(before.value, after.value) != 0) ids[n++] = IpsoSensor.SENSOR_VALUE;
        if (before == null || Double.compare(before.min, after.min) != 0) ids[n++] = IpsoSensor.MIN_MEASURED_VALUE;
        if (before == null || Double.compare(before.max, after.max) != 0) ids[n++] = IpsoSensor.MAX_MEASURED_VALUE;
        return Arrays.copyOf(ids, n);
    }
}
