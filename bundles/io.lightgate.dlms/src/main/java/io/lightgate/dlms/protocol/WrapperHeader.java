/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The IEC 62056-47 WRAPPER header of a TCP/UDP DLMS APDU: version 1, source and destination
 * wPort (client and server addresses), APDU length.
 */
public record WrapperHeader(int source, int destination, int length) {

    public static final int VERSION = 1;
    public static final int SIZE = 8;

    public static byte[] wrap(int source, int destination, byte[] apdu) {
        return new ByteWriter(apdu.length + SIZE).u16(VERSION).u16(source).u16(destination).u16(apdu.length)
                .bytes(apdu).toByteArray();
    }

    /**
     * Reads one wrapped APDU.
     *
     * @param maxLength the largest APDU accepted; a longer length field is refused before allocating
     * @return the header; the APDU is in {@code apdu[0]}
     */
    public static WrapperHeader read(InputStream in, int maxLength, byte[][] apdu) throws IOException, DlmsProtocolException {
        byte[] h = readFully(in, SIZE);
        ByteReader r = new ByteReader(h);
        int version = r.u16("wrapper version");
        if (version != VERSION) {
            throw new DlmsProtocolException("WRAPPER version " + version + " (expected 1)");
        }
        WrapperHeader header = new WrapperHeader(r.u16("source wPort"), r.u16("destination wPort"), r.u16("length"));
        if (header.length > maxLength) {
            throw new DlmsProtocolException("WRAPPER APDU of " + header.length + " bytes exceeds the limit " + maxLength);
        }
        apdu[0] = readFully(in, header.length);
        return header;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int k = in.read(b, off, n - off);
            if (k < 0) {
                throw new EOFException(off == 0 && n == SIZE ? "connection closed by the peer" : "connection closed inside a WRAPPER frame");
            }
            off += k;
        }
        return b;
    }
}
