/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import java.util.Arrays;

/**
 * What one temperature instance has measured: the latest value and the extremes since start
 * or the last reset. Immutable.
 *
 * @param value the latest value (5700)
 * @param min the lowest value measured (5601)
 * @param max the highest value measured (5602)
 */
record Readings(double value, double min, double max) {

    /** The first measurement. */
    static Readings first(double value) {
        return new Readings(value, value, value);
    }

    /** After measuring {@code v}. */
    Readings next(double v) {
        return new Readings(v, Math.min(min, v), Math.max(max, v));
    }

    /** After Reset Min and Max Measured Values (5605): both become the current value. */
    Readings resetMinMax() {
        return first(value);
    }

    /** The ids of the resources whose values differ between {@code before} and {@code after}. */
    static int[] changes(Readings before, Readings after) {
        int[] ids = new int[3];
        int n = 0;
        if (Double.compare(before.value, after.value) != 0) ids[n++] = TemperatureInstance.SENSOR_VALUE;
        if (Double.compare(before.min, after.min) != 0) ids[n++] = TemperatureInstance.MIN_MEASURED;
        if (Double.compare(before.max, after.max) != 0) ids[n++] = TemperatureInstance.MAX_MEASURED;
        return Arrays.copyOf(ids, n);
    }
}
