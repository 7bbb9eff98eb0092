/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Arrays;

/**
 * An OBIS code (logical name, six value groups A.B.C.D.E.F), e.g. {@code 1.0.1.8.0.255}.
 * Parses the dotted form and the {@code A-B:C.D.E*F} form.
 */
public record ObisCode(int a, int b, int c, int d, int e, int f) {

    public ObisCode {
        for (int v : new int[] {a, b, c, d, e, f}) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("OBIS value group " + v + " is outside 0..255");
            }
        }
    }

    /** Parses {@code 1.0.1.8.0.255} or {@code 1-0:1.8.0*255} (F defaults to 255 in the second form). */
    public static ObisCode parse(String text) {
        String t = text.strip();
        String[] parts = t.split("[.:*-]");
        if (parts.length == 5 && t.contains(":") && !t.contains("*")) {
            parts = Arrays.copyOf(parts, 6);
            parts[5] = "255";
        }
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not an OBIS code (expected A.B.C.D.E.F)");
        }
        int[] v = new int[6];
        try {
            for (int i = 0; i < 6; i++) {
                v[i] = Integer.parseInt(parts[i].strip());
            }
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not an OBIS code: " + ex.getMessage(), ex);
        }
        return new ObisCode(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    public static ObisCode of(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("a logical name has 6 bytes, not " + six.length);
        }
        return new ObisCode(six[0] & 0xFF, six[1] & 0xFF, six[2] & 0xFF, six[3] & 0xFF, six[4] & 0xFF, six[5] & 0xFF);
    }

    public byte[] bytes() {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f};
    }

    @Override
    public String toString() {
        return a + "." + b + "." + c + "." + d + "." + e + "." + f;
    }
}
