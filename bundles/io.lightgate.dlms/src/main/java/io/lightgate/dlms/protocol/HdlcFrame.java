/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HDLC frame of IEC 62056-46 (frame format type 3): addresses, control field, segmentation
 * bit and information field. {@link #encode()} adds flags, length, HCS and FCS; {@link #decode}
 * checks them.
 */
public record HdlcFrame(HdlcAddress destination, HdlcAddress source, int control, boolean segmented, byte @Nullable [] info) {

    /** The flag that opens and closes every frame. */
    public static final int FLAG = 0x7E;
    /** Largest frame length the 11-bit length field can express. */
    public static final int MAX_LENGTH = 0x7FF;

    public static final int SNRM = 0x93;
    public static final int DISC = 0x53;
    public static final int UA = 0x73;
    public static final int DM = 0x1F;
    public static final int FRMR = 0x97;
    public static final int UI = 0x13;

    /** LLC header of a request (client to server) and of a response. */
    public static final byte[] LLC_REQUEST = {(byte) 0xE6, (byte) 0xE6, 0};
    public static final byte[] LLC_RESPONSE = {(byte) 0xE6, (byte) 0xE7, 0};

    public HdlcFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        info = info == null ? new byte[0] : info.clone();
    }

    @Override
    public byte[] info() { return info.clone(); }

    /** An I-frame control field with poll/final set. */
    public static int iControl(int sendSeq, int receiveSeq) {
        return ((receiveSeq & 7) << 5) | 0x10 | ((sendSeq & 7) << 1);
    }

    /** A Receive Ready control field with poll/final set. */
    public static int rrControl(int receiveSeq) {
        return ((receiveSeq & 7) << 5) | 0x11;
    }

    public boolean isInformation() { return (control & 1) == 0; }

    public boolean isReceiveReady() { return (control & 0x0F) == 0x01; }

    /** N(S) of an I-frame. */
    public int sendSeq() { return (control >> 1) & 7; }

    /** N(R) of an I-frame or RR. */
    public int receiveSeq() { return (control >> 5) & 7; }

    /** The control field with the poll/final bit set, for comparing with the U-frame constants. */
    public int unnumbered() { return control | 0x10; }

    public byte[] encode() {
        ByteWriter body = new ByteWriter(info.length + 16);
        destination.encode(body);
        source.encode(body);
        body.u8(control);
        byte[] header = body.toByteArray();
        int length = 2 + header.length + (info.length > 0 ? 2 + info.length : 0) + 2;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("HDLC frame of " + length + " bytes exceeds " + MAX_LENGTH);
        }
        ByteWriter w = new ByteWriter(length + 2);
        w.u8(FLAG);
        int formatStart = w.size();
        w.u8(0xA0 | (segmented ? 0x08 : 0) | (length >> 8)).u8(length & 0xFF);
        w.bytes(header);
        if (info.length > 0) {
            byte[] soFar = w.toByteArray();
            int hcs = Crc16.of(soFar, formatStart, soFar.length - formatStart);
            w.u8(hcs & 0xFF).u8(hcs >> 8);
            w.bytes(info);
        }
        byte[] soFar = w.toByteArray();
        int fcs = Crc16.of(soFar, formatStart, soFar.length - formatStart);
        w.u8(fcs & 0xFF).u8(fcs >> 8);
        w.u8(FLAG);
        return w.toByteArray();
    }

    /**
     * Decodes the frame body between the flags: format, addresses, control, HCS, info, FCS.
     *
     * @param body the bytes from the format field to the FCS, inclusive
     */
    public static HdlcFrame decode(byte[] body) throws DlmsProtocolException {
        if (body.length < 2 + 1 + 1 + 1 + 2) {
            throw new DlmsProtocolException("HDLC frame of " + body.length + " bytes is too short");
        }
        int format = body[0] & 0xFF;
        if ((format & 0xF0) != 0xA0) {
            throw new DlmsProtocolException("HDLC frame format 0x" + Integer.toHexString(format) + " is not type 3 (0xA)");
        }
        int length = ((format & 0x07) << 8) | (body[1] & 0xFF);
        if (length != body.length) {
            throw new DlmsProtocolException("HDLC length field says " + length + " bytes, frame has " + body.length);
        }
        int fcs = (body[length - 2] & 0xFF) | ((body[length - 1] & 0xFF) << 8);
        if (fcs != Crc16.of(body, 0, length - 2)) {
            throw new DlmsProtocolException("HDLC frame check sequence mismatch (FCS 0x" + Integer.toHexString(fcs)
                    + ", frame " + HexFormat.of().formatHex(body) + ")");
        }
        ByteReader r = new ByteReader(body, 2, length - 4);
        HdlcAddress destination = HdlcAddress.decode(r);
        HdlcAddress source = HdlcAddress.decode(r);
        int control = r.u8("HDLC control");
        byte[] info = new byte[0];
        if (r.hasRemaining()) {
            int headerEnd = r.position();
            int hcs = r.u8("HCS") | (r.u8("HCS") << 8);
            if (hcs != Crc16.of(body, 0, headerEnd)) {
                throw new DlmsProtocolException("HDLC header check sequence mismatch");
            }
            info = r.rest();
        }
        return new HdlcFrame(destination, source, control, (format & 0x08) != 0, info);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HdlcFrame f && f.destination.equals(destination) && f.source.equals(source)
                && f.control == control && f.segmented == segmented && java.util.Arrays.equals(f.info, info);
    }

    @Override
    public int hashCode() { return Objects.hash(destination, source, control, segmented) * 31 + java.util.Arrays.hashCode(info); }

    @Override
    public String toString() {
        return "HDLC[" + source + "->" + destination + " ctrl=0x" + Integer.toHexString(control)
                + (segmented ? " S" : "") + " info=" + HexFormat.of().formatHex(info) + "]";
    }
}
