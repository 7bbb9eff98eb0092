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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Test;

/**
 * Malformed frames (bad FCS, truncated APDU, wrong tags, huge lengths) sent over real sockets:
 * the receiving side logs an error and drops that connection; nothing crashes, nothing large
 * is allocated, and the next connection is served.
 */
public class MalformedFramesTest {

    /** The simulator's log (slf4j-simple writes to the file the POM names) and where this test's part begins. */
    private static final Path LOG = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/simulator-test.log"));
    private long logStart;

    @Before
    public void markLog() throws Exception {
        logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
    }

    /** The error lines the simulator logged since this test began. */
    private List<String> errors() throws Exception {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(LOG);
        String since = new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart), StandardCharsets.UTF_8);
        return since.lines().filter(l -> l.contains("ERROR")).toList();
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

    private void awaitError(String fragment) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (errors().stream().anyMatch(l -> l.contains("malformed") && l.contains(fragment))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no logged error mentioning '" + fragment + "' in " + errors());
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
