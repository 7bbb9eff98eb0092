/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import static io.lightgate.dlms.protocol.AxdrTest.hex;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.Test;

/** HDLC frames of IEC 62056-46 against published frames (the SNRM every DLMS tutorial shows). */
public class HdlcFrameTest {

    @Test
    public void crc16X25CheckValue() {
        // the CRC catalogue's check value for CRC-16/X-25 over "123456789"
        byte[] check = "123456789".getBytes();
        assertEquals(0x906E, Crc16.of(check, 0, check.length));
    }

    @Test
    public void snrmFromClient16ToServer1() throws Exception {
        // 7E A0 07 03 21 93 0F 01 7E: public client (16 -> 0x21) asks logical device 1 (0x03) for SNRM
        HdlcFrame snrm = new HdlcFrame(HdlcAddress.client(1), HdlcAddress.client(16), HdlcFrame.SNRM, false, null);
        assertEquals("7ea0070321930f017e", HexFormat.of().formatHex(snrm.encode()));
        HdlcFrame parsed = HdlcFrame.decode(Arrays.copyOfRange(snrm.encode(), 1, 8));
        assertEquals(snrm, parsed);
    }

    @Test
    public void iFrameWithFourByteServerAddressAndSegmentation() throws Exception {
        HdlcAddress server = HdlcAddress.server(1, 0x3FF, 4);
        HdlcFrame f = new HdlcFrame(server, HdlcAddress.client(16), HdlcFrame.iControl(3, 5), true, hex("E6E600C001C1"));
        byte[] wire = f.encode();
        assertEquals(0xA8, wire[1] & 0xF8); // format type 3 with the segmentation bit
        HdlcFrame back = new HdlcStream(new ByteArrayInputStream(wire)).next();
        assertEquals(f, back);
        assertEquals(3, back.sendSeq());
        assertEquals(5, back.receiveSeq());
        assertEquals(server, back.destination());
        assertTrue(back.segmented());
    }

    @Test
    public void sharedFlagsBetweenFrames() throws Exception {
        byte[] a = new HdlcFrame(HdlcAddress.client(16), HdlcAddress.client(1), HdlcFrame.rrControl(1), false, null).encode();
        byte[] b = new HdlcFrame(HdlcAddress.client(16), HdlcAddress.client(1), HdlcFrame.UA, false, null).encode();
        byte[] stream = new byte[a.length + b.length - 1]; // the closing flag of a opens b
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 1, stream, a.length, b.length - 1);
        HdlcStream in = new HdlcStream(new ByteArrayInputStream(stream));
        assertTrue(in.next().isReceiveReady());
        assertEquals(HdlcFrame.UA, in.next().unnumbered());
    }

    @Test
    public void parametersRoundTrip() throws Exception {
        HdlcParameters p = new HdlcParameters(512, 256, 1, 1);
        // 81 80 len, 05 max info transmit (2 bytes: 512), 06 max info receive (256), 07/08 windows of 1
        assertEquals("8180140502020006020100070400000001080400000001", HexFormat.of().formatHex(p.encode()));
        assertEquals(p, HdlcParameters.decode(p.encode()));
        assertEquals(HdlcParameters.DEFAULT, HdlcParameters.decode(new byte[0]));
    }

    @Test
    public void badFramesAreRefused() {
        byte[] good = new HdlcFrame(HdlcAddress.client(1), HdlcAddress.client(16), HdlcFrame.iControl(0, 0), false,
                hex("E6E600C001C100030100010800FF0200")).encode();
        byte[] badFcs = good.clone();
        badFcs[badFcs.length - 2] ^= 0x55;
        assertThrows(DlmsProtocolException.class, () -> new HdlcStream(new ByteArrayInputStream(badFcs)).next());
        byte[] badHcs = good.clone();
        badHcs[7] ^= 0x01;
        assertThrows(DlmsProtocolException.class, () -> new HdlcStream(new ByteArrayInputStream(badHcs)).next());
        byte[] noClosingFlag = Arrays.copyOf(good, good.length);
        noClosingFlag[good.length - 1] = 0x00;
        assertThrows(DlmsProtocolException.class, () -> new HdlcStream(new ByteArrayInputStream(noClosingFlag)).next());
        // truncated: the stream ends inside the frame
        assertThrows(java.io.EOFException.class,
                () -> new HdlcStream(new ByteArrayInputStream(Arrays.copyOf(good, 10))).next());
        // length field smaller than the header
        assertThrows(DlmsProtocolException.class, () -> HdlcFrame.decode(hex("A003")));
        // address longer than 4 bytes
        byte[] body = hex("A00B020202020221930000");
        assertThrows(DlmsProtocolException.class, () -> HdlcFrame.decode(body));
        // an endless stream of noise without a frame: refused after a bounded number of bytes
        byte[] noise = new byte[10_000];
        assertThrows(DlmsProtocolException.class, () -> new HdlcStream(new ByteArrayInputStream(noise)).next());
    }
}
