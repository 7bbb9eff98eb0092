/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * The last few values one binding received, to let each distinct value (the same value, status
 * and source timestamp) through once. The same value reaches a binding twice when a Read and the
 * monitored item's first sample both carry it, and when Milo's client delivers a notification
 * message twice: Milo 1.1.2's PublishingManager does not skip a PublishResponse whose sequence
 * number it has already passed (two Publish responses handled out of order: the later one
 * triggers a Republish of the earlier one, which then arrives as well, and the next response
 * republishes the one after it again). A value without a source timestamp cannot be told from
 * the same value set again, so it always passes. Not thread-safe (guarded by its binding).
 */
final class RecentValues {

    /** Several publishes' worth of samples of one variable. */
    static final int DEFAULT_SIZE = 64;

    private final DataValue[] ring;
    private int next;

    RecentValues(int size) {
        this.ring = new DataValue[Math.max(1, size)];
    }

    /** True the first time this value (value, status, source timestamp) comes; remembers it. */
    boolean firstTime(DataValue value) {
        if (value == null || value.sourceTime() == null) {
            return true;
        }
        for (DataValue seen : ring) {
            if (seen != null && same(seen, value)) {
                return false;
            }
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
        return true;
    }

    static boolean same(DataValue a, DataValue b) {
        return sameTime(a.sourceTime(), b.sourceTime()) && Objects.equals(a.sourcePicoseconds(), b.sourcePicoseconds())
                && Objects.equals(status(a.statusCode()), status(b.statusCode()))
                && Objects.deepEquals(a.value() == null ? null : a.value().value(), b.value() == null ? null : b.value().value());
    }

    private static boolean sameTime(DateTime a, DateTime b) {
        return a != null && b != null && a.getUtcTime() == b.getUtcTime();
    }

    private static long status(StatusCode s) {
        return s == null ? 0 : s.value();
    }
}
