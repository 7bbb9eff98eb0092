/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads HDLC frames from a byte stream: skips to the opening flag (and shared flags between
 * frames), reads at most {@link HdlcFrame#MAX_LENGTH} bytes as the length field says, checks
 * the closing flag and the check sequences.
 */
public final class HdlcStream {

    /** Bytes of noise skipped before giving up on finding a frame. */
    private static final int MAX_NOISE = 4096;

    private final InputStream in;

    public HdlcStream(InputStream in) {
        this.in = in;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the peer");
        }
        return b;
    }

    public HdlcFrame next() throws IOException, DlmsProtocolException {
        int b = read();
        int skipped = 0;
        // a frame starts after one or more flags; the closing flag of the previous frame may be the opening one
        while (b == HdlcFrame.FLAG || (b & 0xF0) != 0xA0) {
            if (b != HdlcFrame.FLAG && ++skipped > MAX_NOISE) {
                throw new DlmsProtocolException("no HDLC frame in " + MAX_NOISE + " bytes");
            }
            b = read();
        }
        int second = read();
        int length = ((b & 0x07) << 8) | second;
        if (length < 7) {
            throw new DlmsProtocolException("HDLC length field " + length + " is too small");
        }
        byte[] body = new byte[length];
        body[0] = (byte) b;
        body[1] = (byte) second;
        int off = 2;
        while (off < length) {
            int n = in.read(body, off, length - off);
            if (n < 0) {
                throw new EOFException("connection closed inside an HDLC frame");
            }
            off += n;
        }
        int flag = read();
        if (flag != HdlcFrame.FLAG) {
            throw new DlmsProtocolException("HDLC frame not closed by a flag (0x" + Integer.toHexString(flag) + ")");
        }
        return HdlcFrame.decode(body);
    }
}
