/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

/** A linear conversion of numbers between OPC UA and LwM2M: {@code lwm2m = opcua * scale + offset}. */
public interface Scaling {

    /** No conversion: numbers pass unchanged (integers keep their exact value). */
    Scaling NONE = linear(1, 0);

    /** lwm2m = opcua * scale + offset; scale must be finite and not 0. */
    static Scaling linear(double scale, double offset) {
        if (scale == 0 || Double.isNaN(scale) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number other than 0");
        }
        return new Scaling() {
            @Override
            public double toLwM2m(double opcua) {
                return opcua * scale + offset;
            }

            @Override
            public double toOpcUa(double lwm2m) {
                return (lwm2m - offset) / scale;
            }

            @Override
            public boolean isIdentity() {
                return scale == 1 && offset == 0;
            }
        };
    }

    /** An OPC UA number as the LwM2M number. */
    double toLwM2m(double opcua);

    /** An LwM2M number as the OPC UA number. */
    double toOpcUa(double lwm2m);

    /** True when numbers pass unchanged. */
    boolean isIdentity();
}
