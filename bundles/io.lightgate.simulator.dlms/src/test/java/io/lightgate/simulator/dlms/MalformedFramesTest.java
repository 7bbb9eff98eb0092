/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.DlmsClient;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.HdlcAddress;
import io.lightgate.dlms.protocol.HdlcFrame;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Malformed frames (bad FCS, truncated APDU, wrong tags, huge lengths) sent over real sockets:
 * the receiving side logs an error and drops that connection; nothing crashes, nothing large
 * is allocated, and the next connection is served.
 */
public class MalformedFramesTest {

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { errors.add(r); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    @Before
    public void listen() {
        Logger.getLogger(DlmsServer.class.getName()).addHandler(capture);
    }

    @After
    public void unlisten() {
        Logger.getLogger(DlmsServer.class.getName()).removeHandler(capture);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Sends bytes, expects the server to close the connection, returns the bytes it answered. */
    private static byte[] sendAndExpectClose(int port, byte[] bytes) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            return in.readAllBytes(); // returns at EOF: the server closed
        }
    }

    private void awaitError(String fragment) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (errors.stream().anyMatch(r -> r.getMessage().contains("malformed") && r.getMessage().contains(fragment))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no logged error mentioning '" + fragment + "' in " + errors.stream().map(LogRecord::getMessage).toList());
    }

    private static void stillServes(DlmsServer sim, TransportKind kind) throws Exception {
        try (DlmsClient c = DlmsClient.connect(ClientSettings.of("127.0.0.1", sim.port(), kind)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            assertTrue(c.read(new AttributeAddress(3, SimulatedMeter.ENERGY_IMPORT, 2)).asLong() > 0);
        }
    }

    @Test
    public void wrapperServerRefusesHugeLengthsWrongTagsAndTruncatedApdus() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.WRAPPER, Authentication.NONE, null, 1024, 128)) {
            // a length of 65535 with a 1024-byte limit: refused from the header, nothing allocated
            sendAndExpectClose(sim.port(), hex("0001 0010 0001 FFFF 60"));
            awaitError("exceeds the limit");
            // an APDU with an unknown tag
            sendAndExpectClose(sim.port(), hex("0001 0010 0001 0003 AB0102"));
            awaitError("not a supported request");
            // an AARQ cut short
            sendAndExpectClose(sim.port(), hex("0001 0010 0001 0004 601DA109"));
            awaitError("truncated");
            // wrong WRAPPER version
            sendAndExpectClose(sim.port(), hex("0002 0010 0001 0001 00"));
            awaitError("version");
            stillServes(sim, TransportKind.WRAPPER);
        }
    }

    @Test
    public void hdlcServerRefusesBadFcsAndStreamsOfNoise() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.HDLC, Authentication.NONE, null, 1024, 128)) {
            byte[] snrm = new HdlcFrame(HdlcAddress.client(1), HdlcAddress.client(16), HdlcFrame.SNRM, false, null).encode();
            snrm[snrm.length - 2] ^= 0x40; // corrupt the FCS
            sendAndExpectClose(sim.port(), snrm);
            awaitError("check sequence");
            sendAndExpectClose(sim.port(), new byte[5000]); // no frame at all
            awaitError("no HDLC frame");
            stillServes(sim, TransportKind.HDLC);
        }
    }

    @Test
    public void clientRefusesAHostileMeter() throws Exception {
        try (ServerSocket hostile = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = hostile.accept()) {
                    s.getInputStream().read(new byte[256]);
                    // answers the AARQ with a WRAPPER header claiming 60000 bytes
                    s.getOutputStream().write(hex("0001 0001 0010 EA60 61"));
                    s.getOutputStream().flush();
                    // keep the connection until the client hangs up (bounded), so it must judge the header
                    s.setSoTimeout(5000);
                    s.getInputStream().read();
                } catch (Exception e) {
                    // test peer
                }
            });
            t.start();
            ClientSettings settings = ClientSettings.of("127.0.0.1", hostile.getLocalPort(), TransportKind.WRAPPER)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
            DlmsProtocolException e = assertThrows(DlmsProtocolException.class, () -> DlmsClient.connect(settings));
            assertTrue(e.getMessage(), e.getMessage().contains("exceeds the limit 1024"));
            t.join(5000);
        }
    }
}
