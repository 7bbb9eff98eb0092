/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

/**
 * A linear conversion of numbers between OPC UA and LwM2M: {@code lwm2m = opcua * scale + offset}.
 * A type with {@code scale()} and {@code offset()} (e.g. the adapter's mapping record) gets the
 * conversion by implementing it.
 */
public interface Scaling {

    /** No conversion: numbers pass unchanged (integers keep their exact value). */
    Scaling NONE = linear(1, 0);

    /** lwm2m = opcua * scale + offset; scale must be finite and not 0. */
    static Scaling linear(double scale, double offset) {
        return new Linear(scale, offset);
    }

    /** Refuses a scale of 0, NaN or infinity (no way back from LwM2M to OPC UA). */
    static void checkScale(double scale) {
        if (scale == 0 || Double.isNaN(scale) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number other than 0");
        }
    }

    /** Multiplier applied to OPC UA numbers. */
    double scale();

    /** Added after scaling. */
    double offset();

    /** lwm2m = opcua * scale + offset. */
    default double toLwM2m(double opcua) {
        return opcua * scale() + offset();
    }

    /** opcua = (lwm2m - offset) / scale. */
    default double toOpcUa(double lwm2m) {
        return (lwm2m - offset()) / scale();
    }

    /** True when numbers pass unchanged. */
    default boolean isIdentity() {
        return scale() == 1 && offset() == 0;
    }

    /** The plain implementation. */
    record Linear(double scale, double offset) implements Scaling {
        public Linear {
            checkScale(scale);
        }
    }
}
