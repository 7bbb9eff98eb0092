/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/**
 * The HDLC parameters negotiated by SNRM/UA: maximum information field lengths and window
 * sizes (IEC 62056-46 6.4.4.4.3.2). Values are seen from the sender of the frame.
 */
public record HdlcParameters(int maxInfoTransmit, int maxInfoReceive, int windowTransmit, int windowReceive) {

    /** The defaults that apply when SNRM or UA carries no information field. */
    public static final HdlcParameters DEFAULT = new HdlcParameters(128, 128, 1, 1);

    public HdlcParameters {
        if (maxInfoTransmit < 32 || maxInfoTransmit > 2030 || maxInfoReceive < 32 || maxInfoReceive > 2030) {
            throw new IllegalArgumentException("HDLC information field lengths must be 32..2030, were "
                    + maxInfoTransmit + "/" + maxInfoReceive);
        }
    }

    public byte[] encode() {
        ByteWriter p = new ByteWriter();
        p.u8(0x05);
        field(p, maxInfoTransmit);
        p.u8(0x06);
        field(p, maxInfoReceive);
        p.u8(0x07).u8(4).u32(windowTransmit);
        p.u8(0x08).u8(4).u32(windowReceive);
        byte[] params = p.toByteArray();
        return new ByteWriter().u8(0x81).u8(0x80).u8(params.length).bytes(params).toByteArray();
    }

    private static void field(ByteWriter p, int v) {
        if (v <= 0xFF) {
            p.u8(1).u8(v);
        } else {
            p.u8(2).u16(v);
        }
    }

    /** Parses the information field of an SNRM or UA; empty means the defaults. */
    public static HdlcParameters decode(byte[] info) throws DlmsProtocolException {
        if (info.length == 0) {
            return DEFAULT;
        }
        ByteReader r = new ByteReader(info);
        if (r.u8("format identifier") != 0x81 || r.u8("group identifier") != 0x80) {
            throw new DlmsProtocolException("HDLC parameter field does not start with 81 80");
        }
        int len = r.u8("group length");
        if (len > r.remaining()) {
            throw new DlmsProtocolException("HDLC parameter group of " + len + " bytes, " + r.remaining() + " present");
        }
        int tx = DEFAULT.maxInfoTransmit, rx = DEFAULT.maxInfoReceive, wtx = 1, wrx = 1;
        while (r.hasRemaining()) {
            int id = r.u8("parameter id");
            int n = r.u8("parameter length");
            if (n < 1 || n > 4) {
                throw new DlmsProtocolException("HDLC parameter " + id + " has length " + n);
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | r.u8("parameter value");
            }
            switch (id) {
                case 5 -> tx = clamp(v);
                case 6 -> rx = clamp(v);
                case 7 -> wtx = (int) Math.min(7, Math.max(1, v));
                case 8 -> wrx = (int) Math.min(7, Math.max(1, v));
                default -> { } // unknown parameters are ignored, as the standard asks
            }
        }
        return new HdlcParameters(tx, rx, wtx, wrx);
    }

    private static int clamp(long v) {
        return (int) Math.max(32, Math.min(2030, v));
    }
}
