/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;

/** A-XDR encodings as the Blue/Green Book examples spell them. */
public class AxdrTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void roundTrip(DlmsData d, String expected) throws Exception {
        assertEquals(expected.replace(" ", "").toLowerCase(), HexFormat.of().formatHex(Axdr.encode(d)));
        assertEquals(d, Axdr.decode(hex(expected)));
    }

    @Test
    public void everySimpleType() throws Exception {
        roundTrip(DlmsData.NULL, "00");
        roundTrip(DlmsData.bool(true), "03 01");
        roundTrip(DlmsData.int32(-2), "05 FFFFFFFE");
        roundTrip(DlmsData.uint32(123456), "06 0001E240");
        roundTrip(DlmsData.octets(new byte[] {1, 0, 1, 8, 0, (byte) 255}), "09 06 0100010800FF");
        roundTrip(DlmsData.visible("ABC"), "0A 03 414243");
        roundTrip(DlmsData.utf8("é"), "0C 02 C3A9");
        roundTrip(new DlmsData.Int(DataType.BCD, 0x12), "0D 12");
        roundTrip(DlmsData.int8(-3), "0F FD");
        roundTrip(DlmsData.int16(-300), "10 FED4");
        roundTrip(DlmsData.uint8(200), "11 C8");
        roundTrip(DlmsData.uint16(2301), "12 08FD");
        roundTrip(DlmsData.int64(-1), "14 FFFFFFFFFFFFFFFF");
        roundTrip(DlmsData.uint64(-1), "15 FFFFFFFFFFFFFFFF");
        roundTrip(DlmsData.enumeration(30), "16 1E");
        roundTrip(DlmsData.float32(1.5f), "17 3FC00000");
        roundTrip(DlmsData.float64(-2.25), "18 C002000000000000");
        roundTrip(new DlmsData.Octets(DataType.DATE_TIME, hex("07E60101060A1E0000FF8880")), "19 07E60101060A1E0000FF8880");
        roundTrip(new DlmsData.Octets(DataType.DATE, hex("07E6010106")), "1A 07E6010106");
        roundTrip(new DlmsData.Octets(DataType.TIME, hex("0A1E0000")), "1B 0A1E0000");
        roundTrip(new DlmsData.Octets(DataType.BIT_STRING, hex("A0"), 3), "04 03 A0");
    }

    @Test
    public void scalerUnitStructureAndArrays() throws Exception {
        // Register scaler_unit: structure { integer -2, enum 30 (Wh) } as meters send it
        roundTrip(DlmsData.structure(DlmsData.int8(-2), DlmsData.enumeration(30)), "02 02 0F FE 16 1E");
        roundTrip(DlmsData.array(List.of(DlmsData.uint16(1), DlmsData.uint16(2))), "01 02 12 0001 12 0002");
    }

    @Test
    public void longLengthsUseTheMultiByteForm() throws Exception {
        byte[] big = new byte[300];
        byte[] enc = Axdr.encode(DlmsData.octets(big));
        assertEquals("0982012c", HexFormat.of().formatHex(enc, 0, 4));
        assertEquals(304, enc.length);
        assertEquals(DlmsData.octets(big), Axdr.decode(enc));
    }

    @Test
    public void compactArrays() throws Exception {
        // compact-array of double-long-unsigned 1, 2, 3
        assertEquals(DlmsData.array(List.of(DlmsData.uint32(1), DlmsData.uint32(2), DlmsData.uint32(3))),
                Axdr.decode(hex("13 06 0C 00000001 00000002 00000003")));
        // compact-array of structure { double-long-unsigned, long-unsigned }
        assertEquals(DlmsData.array(List.of(
                DlmsData.structure(DlmsData.uint32(10), DlmsData.uint16(1)),
                DlmsData.structure(DlmsData.uint32(11), DlmsData.uint16(2)))),
                Axdr.decode(hex("13 02 02 06 12 0C 0000000A 0001 0000000B 0002")));
        // element with an octet-string: lengths stay inside the contents
        assertEquals(DlmsData.array(List.of(DlmsData.octets(hex("AABB")), DlmsData.octets(hex("CC")))),
                Axdr.decode(hex("13 09 05 02AABB 01CC")));
    }

    @Test
    public void exactScaling() {
        DlmsData raw = DlmsData.uint32(1234567);
        assertEquals(new BigDecimal("1234.567"), raw.asNumber().scaleByPowerOfTen(-3));
        assertEquals("230.1", DlmsData.float32(230.1f).asNumber().toPlainString());
    }

    @Test
    public void malformedDataIsRefusedWithoutAllocating() {
        // unknown tag
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("07 00")));
        // octet-string claiming 2^31-1 bytes with 2 present
        DlmsProtocolException huge = assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("09 84 7FFFFFFF 0102")));
        assertTrue(huge.getMessage(), huge.getMessage().contains("claims"));
        // array claiming 16 million elements
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("01 83 FFFFFF 00")));
        // truncated double-long-unsigned
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("06 0001")));
        // nesting beyond the limit
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("0101".repeat(40) + "00")));
        // compact array of 65535-element arrays of null: bounded by the element budget, not memory
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("13 01FFFF 01FFFF 00 01 00")));
        // trailing garbage
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("11 01 FF")));
        // length encoding with 5 length bytes
        assertThrows(DlmsProtocolException.class, () -> Axdr.decode(hex("09 85 0000000001 AA")));
    }

    @Test
    public void obisCodes() {
        assertEquals(new ObisCode(1, 0, 1, 8, 0, 255), ObisCode.parse("1.0.1.8.0.255"));
        assertEquals(new ObisCode(1, 0, 1, 8, 0, 255), ObisCode.parse("1-0:1.8.0*255"));
        assertEquals(new ObisCode(1, 0, 32, 7, 0, 255), ObisCode.parse("1-0:32.7.0"));
        assertArrayEquals(hex("0100010800FF"), ObisCode.parse("1.0.1.8.0.255").bytes());
        assertThrows(IllegalArgumentException.class, () -> ObisCode.parse("1.0.1.8.0.256"));
        assertThrows(IllegalArgumentException.class, () -> ObisCode.parse("1.0.1.8"));
    }
}
