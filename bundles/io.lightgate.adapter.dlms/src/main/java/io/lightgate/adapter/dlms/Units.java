/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.dlms.client.ScalerUnit;
import java.math.BigDecimal;

/**
 * Converts a scaled meter value into the unit an LwM2M model asks for: W to kW, Wh to kWh,
 * var/VA(h) likewise, exactly (BigDecimal) so text and JSON show no float artefacts.
 */
final class Units {

    private Units() {
    }

    /**
     * @param value the value in the meter's unit (already scaled)
     * @param dlmsUnit the DLMS unit enumeration
     * @param target the model's unit, empty for none
     * @return the value in the target unit, or null when the units do not match
     */
    static BigDecimal convert(BigDecimal value, int dlmsUnit, String target) {
        String from = new ScalerUnit(0, dlmsUnit).symbol();
        if (target.isEmpty() || target.equals(from) || dlmsUnit == 255) {
            return value;
        }
        if (target.equals("k" + from)) {
            return value.movePointLeft(3);
        }
        if (from.equals("k" + target)) {
            return value.movePointRight(3);
        }
        return null;
    }

    /** The double closest to the exact decimal: 12.345 prints as 12.345, never 12.345000000000001. */
    static double toDouble(BigDecimal exact) {
        return exact.doubleValue();
    }
}
