/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.util.List;
import java.util.Locale;

/**
 * One implementation's row of the composite-observe scenario: one endpoint, {@code paths} Sensor
 * Values (/3303/k/5700) under one Observe-Composite (SenML CBOR), each changed again as soon as the
 * server saw its last value, so up to {@code paths} changes wait for the next notification.
 *
 * @param error why the scenario did not run to the end, or null
 */
record CompositeResult(String impl, int paths, double valuesPerSecond, double notificationsPerSecond, double p50Millis,
        double p99Millis, long stalls, long late, long superseded, long lost, double cpuMicrosPerValue, String load, String error) {

    static CompositeResult failed(String impl, int paths, String error) {
        return new CompositeResult(impl, paths, 0, 0, Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN, "", error);
    }

    static String table(List<CompositeResult> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("\nComposite observe: values of one endpoint under one Observe-Composite (SenML CBOR), "
                + "each value changed again once the server saw it\n\n"
                + "| values observed | implementation | values/s | notifications/s | values per notification | "
                + "change→server p50 / p99 (ms) | stalls | late (> 2 s) | superseded | lost | CPU µs/value | load average | errors |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (CompositeResult r : rows) {
            t.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.1f | %.2f / %.2f | %d | %d | %d | %d | %.0f | %s | %s |%n",
                    r.paths, r.impl, r.valuesPerSecond, r.notificationsPerSecond,
                    r.notificationsPerSecond > 0 ? r.valuesPerSecond / r.notificationsPerSecond : 0, r.p50Millis, r.p99Millis,
                    r.stalls, r.late, r.superseded, r.lost, r.cpuMicrosPerValue, r.load, r.error == null ? "none" : r.error));
        }
        return t.toString();
    }
}
