/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import java.time.Instant;
import java.util.List;

/**
 * The newest entries of a Profile Generic, one column per captured value (the clock column
 * gives the times).
 *
 * @param times entry times, oldest first
 * @param columns the value columns
 */
record LoadProfile(List<Instant> times, List<Column> columns) {

    static final LoadProfile EMPTY = new LoadProfile(List.of(), List.of());

    /**
     * @param obis the captured object
     * @param unit the unit after conversion (kWh for Wh)
     * @param values one per time, null where the meter gave no number
     */
    record Column(String obis, String unit, List<Double> values) {
    }
}
