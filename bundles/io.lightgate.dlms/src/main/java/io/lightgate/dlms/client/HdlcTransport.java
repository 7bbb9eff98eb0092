/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.ByteWriter;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.HdlcAddress;
import io.lightgate.dlms.protocol.HdlcFrame;
import io.lightgate.dlms.protocol.HdlcParameters;
import io.lightgate.dlms.protocol.HdlcStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * IEC 62056-46 HDLC over a TCP socket (as serial-to-IP converters carry it): SNRM/UA to set
 * up the link with negotiated information field sizes, I-frames with send/receive sequence
 * numbers, segmentation in both directions acknowledged by RR, DISC at the end. Window size 1.
 */
final class HdlcTransport implements DlmsTransport {

    /** Frames from other stations or repeated frames tolerated before one exchange gives up. */
    private static final int MAX_STRAY_FRAMES = 16;

    private final Socket socket;
    private final HdlcStream in;
    private final OutputStream out;
    private final HdlcAddress client;
    private final HdlcAddress server;
    private final int maxApdu;
    private HdlcParameters negotiated = HdlcParameters.DEFAULT;
    private int sendSeq;
    private int receiveSeq;

    HdlcTransport(Socket socket, HdlcAddress client, HdlcAddress server, int maxApdu) throws IOException {
        this.socket = socket;
        this.in = new HdlcStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.client = client;
        this.server = server;
        this.maxApdu = maxApdu;
    }

    /** SNRM/UA: resets the sequence numbers and agrees on the frame sizes. */
    HdlcParameters connect(HdlcParameters proposal) throws IOException, DlmsProtocolException {
        send(new HdlcFrame(server, client, HdlcFrame.SNRM, false, proposal.encode()));
        HdlcFrame ua = receive();
        if (ua.unnumbered() == HdlcFrame.DM) {
            throw new DlmsProtocolException("meter answered SNRM with DM (disconnected mode): it refuses the link");
        }
        if (ua.unnumbered() != HdlcFrame.UA) {
            throw new DlmsProtocolException("meter answered SNRM with control 0x" + Integer.toHexString(ua.control()) + ", not UA");
        }
        HdlcParameters theirs = HdlcParameters.decode(ua.info());
        // the UA's values are the meter's: what it transmits is what we receive
        negotiated = new HdlcParameters(Math.min(proposal.maxInfoTransmit(), theirs.maxInfoReceive()),
                Math.min(proposal.maxInfoReceive(), theirs.maxInfoTransmit()), 1, 1);
        sendSeq = 0;
        receiveSeq = 0;
        return negotiated;
    }

    @Override
    public byte[] exchange(byte[] apdu) throws IOException, DlmsProtocolException {
        byte[] info = new ByteWriter(apdu.length + 3).bytes(HdlcFrame.LLC_REQUEST).bytes(apdu).toByteArray();
        int max = negotiated.maxInfoTransmit();
        for (int off = 0; off < info.length; off += max) {
            int len = Math.min(max, info.length - off);
            boolean more = off + len < info.length;
            send(new HdlcFrame(server, client, HdlcFrame.iControl(sendSeq, receiveSeq), more,
                    Arrays.copyOfRange(info, off, off + len)));
            sendSeq = (sendSeq + 1) & 7;
            if (more) {
                HdlcFrame rr = receive();
                if (!rr.isReceiveReady()) {
                    throw new DlmsProtocolException("expected RR to a segment, got " + rr);
                }
            }
        }
        ByteWriter answer = new ByteWriter();
        int stray = 0;
        while (true) {
            HdlcFrame f = receive();
            if (!f.isInformation()) {
                if (f.unnumbered() == HdlcFrame.DM || f.unnumbered() == HdlcFrame.FRMR) {
                    throw new DlmsProtocolException("meter dropped the link (control 0x" + Integer.toHexString(f.control()) + ")");
                }
                if (++stray > MAX_STRAY_FRAMES) {
                    throw new DlmsProtocolException("no I-frame from the meter after " + MAX_STRAY_FRAMES + " frames");
                }
                continue;
            }
            if (f.sendSeq() != receiveSeq) {
                throw new DlmsProtocolException("I-frame N(S)=" + f.sendSeq() + ", expected " + receiveSeq);
            }
            receiveSeq = (receiveSeq + 1) & 7;
            byte[] part = f.info();
            if (answer.size() + part.length > maxApdu + 3) {
                throw new DlmsProtocolException("segmented answer exceeds " + maxApdu + " bytes");
            }
            answer.bytes(part);
            if (!f.segmented()) {
                break;
            }
            send(new HdlcFrame(server, client, HdlcFrame.rrControl(receiveSeq), false, null));
        }
        byte[] all = answer.toByteArray();
        if (all.length < 3 || (all[0] & 0xFF) != 0xE6 || (all[1] & 0xFF) != 0xE7) {
            throw new DlmsProtocolException("answer does not start with the LLC response header E6 E7 00");
        }
        return Arrays.copyOfRange(all, 3, all.length);
    }

    private void send(HdlcFrame frame) throws IOException {
        out.write(frame.encode());
        out.flush();
    }

    private HdlcFrame receive() throws IOException, DlmsProtocolException {
        for (int i = 0; i < MAX_STRAY_FRAMES; i++) {
            HdlcFrame f = in.next();
            if (f.destination().upper() == client.upper()) {
                return f;
            }
        }
        throw new DlmsProtocolException("only frames for other stations arrived");
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                send(new HdlcFrame(server, client, HdlcFrame.DISC, false, null));
                socket.setSoTimeout(500);
                in.next(); // UA or DM; either ends the link
            }
        } catch (IOException | DlmsProtocolException e) {
            // the link ends with the socket anyway
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
