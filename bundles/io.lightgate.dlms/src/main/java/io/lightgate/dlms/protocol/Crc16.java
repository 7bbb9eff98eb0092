/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/**
 * The HDLC frame check sequence of IEC 62056-46 (CRC-16/X.25: reflected polynomial 0x8408,
 * initial value 0xFFFF, final complement), sent least significant byte first.
 */
final class Crc16 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x8408 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc16() {
    }

    static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return ~crc & 0xFFFF;
    }
}
