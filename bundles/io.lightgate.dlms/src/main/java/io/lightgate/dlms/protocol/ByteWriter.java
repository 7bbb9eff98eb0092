/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Arrays;

/** A growable big-endian byte buffer for building frames and APDUs. */
public final class ByteWriter {

    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public ByteWriter u32(long v) {
        return u8((int) (v >>> 24)).u8((int) (v >>> 16)).u8((int) (v >>> 8)).u8((int) v);
    }

    public ByteWriter s64(long v) {
        return u32(v >>> 32).u32(v);
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** An A-XDR length. */
    public ByteWriter length(int len) {
        if (len < 0x80) {
            return u8(len);
        } else if (len <= 0xFF) {
            return u8(0x81).u8(len);
        } else if (len <= 0xFFFF) {
            return u8(0x82).u16(len);
        }
        return u8(0x84).u32(len);
    }

    public int size() { return size; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }
}
