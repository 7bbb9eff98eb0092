/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/**
 * An HDLC address of IEC 62056-46: 1, 2 or 4 bytes, 7 bits each, the last byte's low bit set.
 * A client address is one byte; a server address carries the upper (logical device) and,
 * with 2 or 4 bytes, the lower (physical device) address.
 *
 * @param upper client address, or the server's logical device address
 * @param lower the server's physical address (ignored for 1-byte addresses)
 * @param size 1, 2 or 4 bytes
 */
public record HdlcAddress(int upper, int lower, int size) {

    public HdlcAddress {
        int max = switch (size) {
            case 1 -> 0x7F;
            case 2 -> 0x7F;
            case 4 -> 0x3FFF;
            default -> throw new IllegalArgumentException("HDLC address size must be 1, 2 or 4, not " + size);
        };
        if (upper < 0 || upper > max || lower < 0 || lower > max || (size == 1 && lower != 0)) {
            throw new IllegalArgumentException("HDLC address " + upper + "/" + lower + " does not fit in " + size + " byte(s)");
        }
    }

    /** A one-byte (client) address. */
    public static HdlcAddress client(int address) {
        return new HdlcAddress(address, 0, 1);
    }

    /** A server address; size 0 picks the smallest that holds both parts. */
    public static HdlcAddress server(int logical, int physical, int size) {
        if (size == 0) {
            size = logical <= 0x7F && physical <= 0x7F ? (physical == 0 ? 1 : 2) : 4;
        }
        return new HdlcAddress(logical, size == 1 ? 0 : physical, size);
    }

    void encode(ByteWriter w) {
        switch (size) {
            case 1 -> w.u8((upper << 1) | 1);
            case 2 -> w.u8(upper << 1).u8((lower << 1) | 1);
            default -> w.u8((upper >> 7) << 1).u8((upper & 0x7F) << 1).u8((lower >> 7) << 1).u8(((lower & 0x7F) << 1) | 1);
        }
    }

    static HdlcAddress decode(ByteReader r) throws DlmsProtocolException {
        int[] b = new int[4];
        int n = 0;
        while (true) {
            if (n == 4) {
                throw new DlmsProtocolException("HDLC address longer than 4 bytes");
            }
            b[n] = r.u8("HDLC address");
            if ((b[n++] & 1) != 0) {
                break;
            }
        }
        return switch (n) {
            case 1 -> new HdlcAddress(b[0] >> 1, 0, 1);
            case 2 -> new HdlcAddress(b[0] >> 1, b[1] >> 1, 2);
            case 4 -> new HdlcAddress(((b[0] >> 1) << 7) | (b[1] >> 1), ((b[2] >> 1) << 7) | (b[3] >> 1), 4);
            default -> throw new DlmsProtocolException("HDLC address of 3 bytes");
        };
    }

    @Override
    public String toString() {
        return size == 1 ? Integer.toString(upper) : upper + "/" + lower;
    }
}
