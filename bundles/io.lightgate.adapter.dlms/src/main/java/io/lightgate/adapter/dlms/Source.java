/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.ObisCode;

/**
 * Where a resource's value comes from: a COSEM object (class and logical name) and,
 * optionally, a second one subtracted from it (net active power = import - export).
 */
record Source(int classId, ObisCode obis, ObisCode minus) {

    /** Parses {@code [class:]obis[-obis]}; class 3 (Register) unless given. */
    static Source parse(String text) {
        String t = text.strip();
        int classId = 3;
        int colon = t.indexOf(':');
        // "1-0:1.8.0" is an OBIS in the other notation, not a class prefix
        if (colon > 0 && colon <= 2 && !t.substring(0, colon).contains("-")) {
            classId = Integer.parseInt(t.substring(0, colon));
            t = t.substring(colon + 1);
        }
        // "a.b.c.d.e.f-a.b.c.d.e.f": a difference of two dotted OBIS codes
        String[] parts = t.matches("[\\d.]+-[\\d.]+") ? t.split("-") : new String[] {t};
        ObisCode minus = parts.length == 2 ? ObisCode.parse(parts[1]) : null;
        return new Source(classId, ObisCode.parse(parts[0]), minus);
    }

    /** The value attribute (2 for Data, Register, Extended and Demand Register). */
    AttributeAddress value(ObisCode which) {
        return new AttributeAddress(classId, which, 2);
    }

    /** The scaler_unit attribute, or null for classes without one. */
    AttributeAddress scalerUnit(ObisCode which) {
        return switch (classId) {
            case 3, 4 -> new AttributeAddress(classId, which, 3);
            case 5 -> new AttributeAddress(classId, which, 4);
            default -> null;
        };
    }

    @Override
    public String toString() {
        return classId + ":" + obis + (minus == null ? "" : "-" + minus);
    }
}
