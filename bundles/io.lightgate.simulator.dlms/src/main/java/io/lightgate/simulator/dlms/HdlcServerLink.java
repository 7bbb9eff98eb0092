/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.protocol.ByteWriter;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.HdlcAddress;
import io.lightgate.dlms.protocol.HdlcFrame;
import io.lightgate.dlms.protocol.HdlcParameters;
import io.lightgate.dlms.protocol.HdlcStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The secondary station of IEC 62056-46 on one connection: answers SNRM with UA (negotiating
 * the information field size), reassembles segmented I-frames (acknowledging each with RR),
 * segments long answers (waiting for the client's RR between segments), DISC with UA.
 */
final class HdlcServerLink {

    private final HdlcStream in;
    private final OutputStream out;
    private final ServerSession session;
    private final int logicalAddress;
    private final int ownMaxInfo;
    private final int maxApdu;
    private boolean connected;
    private int sendSeq;
    private int receiveSeq;
    private int maxInfoTransmit = 128;
    private HdlcAddress self;

    HdlcServerLink(InputStream in, OutputStream out, ServerSession session, int logicalAddress, int maxInfo, int maxApdu) {
        this.in = new HdlcStream(in);
        this.out = out;
        this.session = session;
        this.logicalAddress = logicalAddress;
        this.ownMaxInfo = maxInfo;
        this.maxApdu = maxApdu;
    }

    /** Serves frames until the connection ends; protocol errors propagate to the caller. */
    void serve() throws IOException, DlmsProtocolException {
        ByteWriter request = new ByteWriter();
        while (true) {
            HdlcFrame f = in.next();
            if (f.destination().upper() != logicalAddress) {
                continue; // another station on the line
            }
            HdlcAddress client = f.source();
            self = f.destination();
            if (f.unnumbered() == HdlcFrame.SNRM) {
                HdlcParameters theirs = HdlcParameters.decode(f.info());
                // the SNRM's values are the client's; the UA answers with ours
                maxInfoTransmit = Math.min(ownMaxInfo, theirs.maxInfoReceive());
                int maxInfoReceive = Math.min(ownMaxInfo, theirs.maxInfoTransmit());
                send(new HdlcFrame(client, self, HdlcFrame.UA, false,
                        new HdlcParameters(maxInfoTransmit, maxInfoReceive, 1, 1).encode()));
                connected = true;
                sendSeq = 0;
                receiveSeq = 0;
                request = new ByteWriter();
            } else if (f.unnumbered() == HdlcFrame.DISC) {
                send(new HdlcFrame(client, self, connected ? HdlcFrame.UA : HdlcFrame.DM, false, null));
                connected = false;
            } else if (f.isInformation()) {
                if (!connected) {
                    send(new HdlcFrame(client, self, HdlcFrame.DM, false, null));
                    continue;
                }
                if (f.sendSeq() != receiveSeq) {
                    throw new DlmsProtocolException("I-frame N(S)=" + f.sendSeq() + ", expected " + receiveSeq);
                }
                receiveSeq = (receiveSeq + 1) & 7;
                byte[] part = f.info();
                if (request.size() + part.length > maxApdu + 3) {
                    throw new DlmsProtocolException("segmented request exceeds " + maxApdu + " bytes");
                }
                request.bytes(part);
                if (f.segmented()) {
                    send(new HdlcFrame(client, self, HdlcFrame.rrControl(receiveSeq), false, null));
                    continue;
                }
                byte[] all = request.toByteArray();
                request = new ByteWriter();
                if (all.length < 3 || (all[0] & 0xFF) != 0xE6 || (all[1] & 0xFF) != 0xE6) {
                    throw new DlmsProtocolException("request does not start with the LLC header E6 E6 00");
                }
                byte[] answer = session.handle(Arrays.copyOfRange(all, 3, all.length));
                respond(client, new ByteWriter().bytes(HdlcFrame.LLC_RESPONSE).bytes(answer).toByteArray());
            }
            // RR outside a segmented answer, UI and others: nothing to do
        }
    }

    private void respond(HdlcAddress client, byte[] info) throws IOException, DlmsProtocolException {
        for (int off = 0; off < info.length; off += maxInfoTransmit) {
            int len = Math.min(maxInfoTransmit, info.length - off);
            boolean more = off + len < info.length;
            send(new HdlcFrame(client, self, HdlcFrame.iControl(sendSeq, receiveSeq), more,
                    Arrays.copyOfRange(info, off, off + len)));
            sendSeq = (sendSeq + 1) & 7;
            if (more) {
                HdlcFrame rr = in.next();
                if (!rr.isReceiveReady()) {
                    throw new DlmsProtocolException("expected RR between segments, got " + rr);
                }
            }
        }
    }

    private void send(HdlcFrame f) throws IOException {
        out.write(f.encode());
        out.flush();
    }
}
