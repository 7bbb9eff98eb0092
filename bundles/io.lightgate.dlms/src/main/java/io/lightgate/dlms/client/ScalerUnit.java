/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import java.math.BigDecimal;

/**
 * The scaler_unit attribute of Register/Extended/Demand Register: value = raw x 10^scaler, in
 * the unit (DLMS unit enumeration, Blue Book table "enum unit").
 */
public record ScalerUnit(int scaler, int unit) {

    /** No scaling, unit "count" (255). */
    public static final ScalerUnit NONE = new ScalerUnit(0, 255);

    public static final int WATT = 27, VOLT_AMPERE = 28, VAR = 29, WATT_HOUR = 30, VAR_HOUR = 32, AMPERE = 33,
            VOLT = 35, HERTZ = 44, PERCENT = 56, CELSIUS = 9, SECOND = 7;

    public static ScalerUnit of(DlmsData structure) throws DlmsProtocolException {
        try {
            return new ScalerUnit((int) structure.items().get(0).asLong(), (int) structure.items().get(1).asLong());
        } catch (RuntimeException e) {
            throw new DlmsProtocolException("scaler_unit is not structure{integer, enum}: " + structure);
        }
    }

    public DlmsData toData() {
        return DlmsData.structure(DlmsData.int8(scaler), DlmsData.enumeration(unit));
    }

    /** Applies the scaler exactly: 12345 with scaler -2 is 123.45. */
    public BigDecimal apply(DlmsData raw) {
        return raw.asNumber().scaleByPowerOfTen(scaler);
    }

    /** The unit's symbol (W, Wh, V, A, Hz, ...) or "unit n" for the ones not listed. */
    public String symbol() {
        return switch (unit) {
            case 7 -> "s";
            case 9 -> "Cel";
            case WATT -> "W";
            case VOLT_AMPERE -> "VA";
            case VAR -> "var";
            case WATT_HOUR -> "Wh";
            case 31 -> "VAh";
            case VAR_HOUR -> "varh";
            case AMPERE -> "A";
            case VOLT -> "V";
            case HERTZ -> "Hz";
            case PERCENT -> "%";
            case 255 -> "";
            default -> "unit " + unit;
        };
    }

    @Override
    public String toString() {
        return "10^" + scaler + " " + symbol();
    }
}
