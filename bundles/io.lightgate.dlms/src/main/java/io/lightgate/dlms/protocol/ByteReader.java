/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Arrays;

/**
 * Reads big-endian fields from a byte array, refusing to read beyond its end: every length
 * taken from the data is checked against what remains before anything is allocated.
 */
public final class ByteReader {

    private final byte[] data;
    private final int end;
    private int pos;

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int remaining() { return end - pos; }

    public int position() { return pos; }

    public boolean hasRemaining() { return pos < end; }

    private void need(int n, String what) throws DlmsProtocolException {
        if (n < 0 || n > end - pos) {
            throw new DlmsProtocolException("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int u8(String what) throws DlmsProtocolException {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    public int peek() throws DlmsProtocolException {
        need(1, "next byte");
        return data[pos] & 0xFF;
    }

    public int u16(String what) throws DlmsProtocolException {
        need(2, what);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u32(String what) throws DlmsProtocolException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    public long s64(String what) throws DlmsProtocolException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    public byte[] bytes(int n, String what) throws DlmsProtocolException {
        need(n, what);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    public byte[] rest() {
        byte[] b = Arrays.copyOfRange(data, pos, end);
        pos = end;
        return b;
    }

    public void skip(int n, String what) throws DlmsProtocolException {
        need(n, what);
        pos += n;
    }

    /**
     * An A-XDR length: one byte below 0x80, else 0x8n followed by n bytes. Lengths above
     * {@link Integer#MAX_VALUE} or with more than 4 length bytes are refused.
     */
    public int length(String what) throws DlmsProtocolException {
        int first = u8(what + " length");
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0 || n > 4) {
            throw new DlmsProtocolException("bad length encoding 0x" + Integer.toHexString(first) + " for " + what);
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | u8(what + " length");
        }
        if (len > Integer.MAX_VALUE) {
            throw new DlmsProtocolException(what + " length " + len + " is beyond any frame");
        }
        return (int) len;
    }

    /** An A-XDR length that must also fit in what remains (each unit at least minBytes). */
    public int boundedLength(String what, int minBytesPerUnit) throws DlmsProtocolException {
        int len = length(what);
        if ((long) len * minBytesPerUnit > remaining()) {
            throw new DlmsProtocolException(what + " claims " + len + " elements/bytes but only " + remaining()
                    + " bytes follow");
        }
        return len;
    }
}
