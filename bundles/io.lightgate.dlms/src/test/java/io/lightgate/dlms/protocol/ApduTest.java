/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import static io.lightgate.dlms.protocol.AxdrTest.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.Test;

/** ACSE and xDLMS APDUs against the byte sequences of the DLMS UA Green Book examples. */
public class ApduTest {

    private static String h(byte[] b) {
        return HexFormat.of().formatHex(b).toUpperCase();
    }

    private static String s(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    public void aarqLowestLevelSecurity() throws Exception {
        String green = "60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0";
        assertEquals(s(green), h(new Aarq(Authentication.NONE, null, 0x007E1F, 0x04B0).encode()));
        Aarq parsed = Aarq.decode(hex(green));
        assertEquals(Authentication.NONE, parsed.authentication());
        assertEquals(0x007E1F, parsed.conformance());
        assertEquals(1200, parsed.maxReceivePduSize());
    }

    @Test
    public void aarqLowLevelSecurity() throws Exception {
        String green = "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01"
                + " AC 0A 80 08 31 32 33 34 35 36 37 38 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0";
        assertEquals(s(green), h(new Aarq(Authentication.LOW, "12345678".getBytes(), 0x007E1F, 0x04B0).encode()));
        Aarq parsed = Aarq.decode(hex(green));
        assertEquals(Authentication.LOW, parsed.authentication());
        assertArrayEquals("12345678".getBytes(), parsed.secret());
    }

    @Test
    public void aareAccepted() throws Exception {
        String green = "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00"
                + " BE 10 04 0E 08 00 06 5F 1F 04 00 00 50 1F 01 F4 00 07";
        assertEquals(s(green), h(new Aare(0, 0, 0x00501F, 500, -1).encode()));
        Aare a = Aare.decode(hex(green));
        assertTrue(a.accepted());
        assertEquals(0x00501F, a.conformance());
        assertEquals(500, a.maxPduSize());
    }

    @Test
    public void aareRejectedNamesTheReason() throws Exception {
        Aare a = Aare.decode(new Aare(1, 13, 0, 0, -1).encode());
        assertFalse(a.accepted());
        assertTrue(a.reason(), a.reason().contains("authentication failure"));
    }

    @Test
    public void getRequestAndResponse() throws Exception {
        AttributeAddress energy = new AttributeAddress(3, ObisCode.parse("1.0.1.8.0.255"), 2);
        assertEquals("C001C100030100010800FF0200", h(new XdlmsRequest.Get(0xC1, energy).encode()));
        XdlmsResponse r = XdlmsResponse.decode(hex("C4 01 C1 00 06 00 00 04 D2"));
        assertEquals(new XdlmsResponse.Get(0xC1, XdlmsResponse.Result.of(DlmsData.uint32(1234))), r);
        XdlmsResponse err = XdlmsResponse.decode(hex("C4 01 C1 01 04"));
        assertEquals(DataAccessResult.OBJECT_UNDEFINED, ((XdlmsResponse.Get) err).result().error());
    }

    @Test
    public void getWithListNextAndBlocks() throws Exception {
        AttributeAddress v = new AttributeAddress(3, ObisCode.parse("1.0.32.7.0.255"), 2);
        AttributeAddress i = new AttributeAddress(3, ObisCode.parse("1.0.31.7.0.255"), 2);
        assertEquals("C003C102000301002007 00FF0200 000301001F0700FF0200".replace(" ", ""),
                h(new XdlmsRequest.GetWithList(0xC1, List.of(v, i)).encode()));
        assertEquals("C002C100000001", h(new XdlmsRequest.GetNext(0xC1, 1).encode()));
        XdlmsResponse block = XdlmsResponse.decode(hex("C4 02 C1 00 00000001 00 03 010203"));
        XdlmsResponse.GetBlock b = (XdlmsResponse.GetBlock) block;
        assertFalse(b.last());
        assertEquals(1, b.blockNumber());
        assertArrayEquals(new byte[] {1, 2, 3}, b.raw());
        XdlmsResponse list = XdlmsResponse.decode(hex("C4 03 C1 02 00 12 08FD 01 04"));
        assertEquals(List.of(XdlmsResponse.Result.of(DlmsData.uint16(2301)),
                XdlmsResponse.Result.error(DataAccessResult.OBJECT_UNDEFINED)), ((XdlmsResponse.GetList) list).results());
    }

    @Test
    public void setActionRelease() throws Exception {
        AttributeAddress label = new AttributeAddress(1, ObisCode.parse("0.0.96.1.10.255"), 2);
        assertEquals("C101C10001000060010AFF02000A026869",
                h(new XdlmsRequest.Set(0xC1, label, DlmsData.visible("hi")).encode()));
        assertEquals(new XdlmsResponse.Set(0xC1, DataAccessResult.SUCCESS), XdlmsResponse.decode(hex("C5 01 C1 00")));
        // Register reset: method 1 with parameter integer 0
        AttributeAddress reset = new AttributeAddress(3, ObisCode.parse("1.0.1.8.0.255"), 1);
        assertEquals("C301C100030100010800FF01010F00", h(new XdlmsRequest.Action(0xC1, reset, DlmsData.int8(0)).encode()));
        assertEquals(new XdlmsResponse.Action(0xC1, DataAccessResult.SUCCESS, null), XdlmsResponse.decode(hex("C7 01 C1 00 00")));
        assertEquals("6203800100", h(new XdlmsRequest.Release().encode()));
        assertTrue(XdlmsResponse.decode(hex("63 03 80 01 00")) instanceof XdlmsResponse.Release);
        // a server decodes what the client encodes
        assertEquals(new XdlmsRequest.Action(0xC1, reset, DlmsData.int8(0)),
                XdlmsRequest.decode(new XdlmsRequest.Action(0xC1, reset, DlmsData.int8(0)).encode()));
    }

    @Test
    public void malformedApdusAreRefused() {
        // truncated GET response
        assertThrows(DlmsProtocolException.class, () -> XdlmsResponse.decode(hex("C4 01 C1 00 06 00 00")));
        // unknown APDU tag
        assertThrows(DlmsProtocolException.class, () -> XdlmsResponse.decode(hex("AB 01 C1 00")));
        // block with a raw-data length far beyond the APDU
        assertThrows(DlmsProtocolException.class, () -> XdlmsResponse.decode(hex("C4 02 C1 01 00000001 00 84 7FFFFFFF 00")));
        // AARE with a wrong tag, AARE body shorter than its length
        assertThrows(DlmsProtocolException.class, () -> Aare.decode(hex("60 00")));
        assertThrows(DlmsProtocolException.class, () -> Aare.decode(hex("61 29 A1 09")));
        // get-with-list claiming 100000 attributes
        assertThrows(DlmsProtocolException.class, () -> XdlmsRequest.decode(hex("C0 03 C1 83 0186A0 0003")));
    }
}
