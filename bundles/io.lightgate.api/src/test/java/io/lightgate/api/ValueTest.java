/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

public class ValueTest {

    private static final BigInteger MAX_UNSIGNED = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    // ---- factories -------------------------------------------------------------------------

    @Test
    public void integer() {
        Value v = Value.of(-42L);
        assertEquals(ResourceType.INTEGER, v.type());
        assertEquals(-42L, v.asLong());
        assertEquals(-42.0, v.asDouble(), 0.0);
        assertEquals("-42", v.toText());
        assertEquals("-42", v.asString());
        assertEquals(Long.MIN_VALUE, Value.of(Long.MIN_VALUE).asLong());
    }

    @Test
    public void opaqueBytesAreWrittenAsTheyAreAndTheirLengthIsKnownWithoutACopy() throws Exception {
        byte[] image = { 1, 2, 3, 0, -1 };
        Value v = Value.ofOpaque(image);
        image[0] = 9; // the value made its own copy
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        v.writeOpaqueTo(out);
        assertArrayEquals(new byte[] { 1, 2, 3, 0, -1 }, out.toByteArray());
        assertEquals(5, v.opaqueLength());
        assertEquals("a string's UTF-8 bytes", 2, Value.of("é").opaqueLength());
        assertThrows(IllegalStateException.class, () -> Value.of(1L).opaqueLength());
    }

    @Test
    public void floating() {
        Value v = Value.of(21.5);
        assertEquals(ResourceType.FLOAT, v.type());
        assertEquals(21.5, v.asDouble(), 0.0);
        assertEquals("21.5", v.toText());
    }

    @Test
    public void bool() {
        assertEquals(ResourceType.BOOLEAN, Value.of(true).type());
        assertTrue(Value.of(true).asBoolean());
        assertFalse(Value.of(false).asBoolean());
        assertEquals("1", Value.of(true).toText());
        assertEquals("0", Value.of(false).toText());
    }

    @Test
    public void string() {
        Value v = Value.of("Lightgate ä");
        assertEquals(ResourceType.STRING, v.type());
        assertEquals("Lightgate ä", v.asString());
        assertEquals("Lightgate ä", v.toText());
        assertArrayEquals("Lightgate ä".getBytes(StandardCharsets.UTF_8), v.asOpaque());
        assertThrows(NullPointerException.class, () -> Value.of((String) null));
    }

    @Test
    public void objectLink() {
        Value v = Value.of(new ObjectLink(3, 1));
        assertEquals(ResourceType.OBJLNK, v.type());
        assertEquals(new ObjectLink(3, 1), v.asObjectLink());
        assertEquals("3:1", v.toText());
    }

    @Test
    public void unsignedFromLong() {
        Value v = Value.ofUnsigned(7L);
        assertEquals(ResourceType.UNSIGNED_INTEGER, v.type());
        assertEquals(BigInteger.valueOf(7), v.asUnsigned());
        assertEquals(7L, v.asLong());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Value.ofUnsigned(-1L));
        assertTrue(e.getMessage(), e.getMessage().contains("-1"));
    }

    @Test
    public void unsignedMaximumViaBigInteger() {
        Value v = Value.ofUnsigned(MAX_UNSIGNED);
        assertEquals(ResourceType.UNSIGNED_INTEGER, v.type());
        assertEquals(MAX_UNSIGNED, v.asUnsigned());
        assertEquals("18446744073709551615", v.toText());
        assertEquals(-1L, v.asLong()); // the raw 64 bits
        assertEquals(1.8446744073709552E19, v.asDouble(), 0.0);
        assertEquals(v, Value.parse(ResourceType.UNSIGNED_INTEGER, "18446744073709551615"));
    }

    @Test
    public void unsignedOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Value.ofUnsigned(BigInteger.TWO.pow(64)));
        assertThrows(IllegalArgumentException.class, () -> Value.ofUnsigned(BigInteger.valueOf(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Value.parse(ResourceType.UNSIGNED_INTEGER, "18446744073709551616"));
        assertTrue(e.getMessage(), e.getMessage().contains("'18446744073709551616'"));
    }

    @Test
    public void opaqueIsCopiedInAndOut() {
        byte[] bytes = { 1, 2, 3 };
        Value v = Value.ofOpaque(bytes);
        bytes[0] = 99;
        assertEquals(ResourceType.OPAQUE, v.type());
        assertArrayEquals(new byte[] { 1, 2, 3 }, v.asOpaque());
        v.asOpaque()[1] = 99;
        assertArrayEquals(new byte[] { 1, 2, 3 }, v.asOpaque());
        assertEquals("AQID", v.toText());
        assertEquals("opaque[3 bytes]", v.toString());
    }

    @Test
    public void timeIsTruncatedToSeconds() {
        Value v = Value.ofTime(Instant.ofEpochSecond(1_700_000_000L, 999_000_000));
        assertEquals(ResourceType.TIME, v.type());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), v.asTime());
        assertEquals(1_700_000_000L, v.asLong());
        assertEquals("1700000000", v.toText());
        assertEquals(v, Value.ofTime(Instant.ofEpochSecond(1_700_000_000L)));
    }

    @Test
    public void coreLink() {
        Value v = Value.ofCoreLink("</3/0>,</1/0>");
        assertEquals(ResourceType.CORELNK, v.type());
        assertEquals("</3/0>,</1/0>", v.asString());
        assertNotEquals(Value.of("</3/0>,</1/0>"), v);
    }

    // ---- parse / toText --------------------------------------------------------------------

    @Test
    public void parseAndToTextRoundTripForEveryType() {
        Map<ResourceType, String[]> samples = new LinkedHashMap<>();
        samples.put(ResourceType.STRING, new String[] { "", "hello, world", " padded ", "ünïcödé" });
        samples.put(ResourceType.INTEGER, new String[] { "0", "-42", "9223372036854775807", "-9223372036854775808" });
        samples.put(ResourceType.UNSIGNED_INTEGER, new String[] { "0", "4294967296", "18446744073709551615" });
        samples.put(ResourceType.FLOAT, new String[] { "0", "21.5", "-0.25", "0.30000000000000004", "1000000000000000000000",
                "0.0000001", "123456789012345680000" });
        samples.put(ResourceType.BOOLEAN, new String[] { "0", "1" });
        samples.put(ResourceType.OPAQUE, new String[] { "", "AAEC/w==", "aGVsbG8=" });
        samples.put(ResourceType.TIME, new String[] { "0", "1700000000", "-1" });
        samples.put(ResourceType.OBJLNK, new String[] { "3:0", "65535:65535" });
        samples.put(ResourceType.CORELNK, new String[] { "</3/0>,</3303/0>;ver=1.1" });
        for (ResourceType t : ResourceType.values()) {
            if (t == ResourceType.NONE) {
                continue;
            }
            assertTrue("no samples for " + t, samples.containsKey(t));
            for (String text : samples.get(t)) {
                Value v = Value.parse(t, text);
                assertEquals(t + " " + text, t, v.type());
                assertEquals(t + " " + text, text, v.toText());
                assertEquals(t + " " + text, v, Value.parse(t, v.toText()));
            }
        }
    }

    @Test
    public void parsedValuesCarryTheRightContent() {
        assertEquals(-42L, Value.parse(ResourceType.INTEGER, " -42 ").asLong());
        assertEquals(21.5, Value.parse(ResourceType.FLOAT, "21.5").asDouble(), 0.0);
        assertEquals(1e21, Value.parse(ResourceType.FLOAT, "1e21").asDouble(), 0.0);
        assertArrayEquals(new byte[] { 0, 1, 2, (byte) 0xff }, Value.parse(ResourceType.OPAQUE, "AAEC/w==").asOpaque());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), Value.parse(ResourceType.TIME, "1700000000").asTime());
        assertEquals(new ObjectLink(3, 0), Value.parse(ResourceType.OBJLNK, "3:0").asObjectLink());
        assertEquals(" padded ", Value.parse(ResourceType.STRING, " padded ").asString());
    }

    @Test
    public void booleanTexts() {
        assertTrue(Value.parse(ResourceType.BOOLEAN, "1").asBoolean());
        assertFalse(Value.parse(ResourceType.BOOLEAN, "0").asBoolean());
        assertTrue(Value.parse(ResourceType.BOOLEAN, "true").asBoolean());
        assertFalse(Value.parse(ResourceType.BOOLEAN, "FALSE").asBoolean());
        for (String bad : new String[] { "2", "yes", "", "01" }) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> Value.parse(ResourceType.BOOLEAN, bad));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
        }
    }

    @Test
    public void floatTextHasNoExponentArtefacts() {
        assertEquals("0.30000000000000004", Value.of(0.1 + 0.2).toText());
        assertEquals("0.1", Value.of(0.1).toText());
        assertEquals("1000000000000000000000", Value.of(1e21).toText());
        assertEquals("0.0000001", Value.of(1e-7).toText());
        assertEquals("100", Value.of(100.0).toText());
        assertEquals("-2.5", Value.of(-2.5).toText());
        assertEquals("0", Value.of(0.0).toText());
        assertEquals("0", Value.of(-0.0).toText());
        for (double d : new double[] { 0.1 + 0.2, 1e21, 1e-7, 1.7976931348623157E308, 4.9E-324, -123.456, 1 / 3.0 }) {
            String text = Value.of(d).toText();
            assertFalse(text, text.contains("E") || text.contains("e"));
            assertFalse(text, text.endsWith(".0"));
            assertEquals(text, d, Double.parseDouble(text), 0.0);
        }
    }

    @Test
    public void nonFiniteFloatsRoundTrip() {
        assertEquals("NaN", Value.of(Double.NaN).toText());
        assertEquals("Infinity", Value.of(Double.POSITIVE_INFINITY).toText());
        assertEquals(Value.of(Double.NEGATIVE_INFINITY), Value.parse(ResourceType.FLOAT, "-Infinity"));
    }

    @Test
    public void badTextNamesTheTextAndType() {
        Object[][] cases = {
            { ResourceType.INTEGER, "12a" },
            { ResourceType.INTEGER, "9223372036854775808" },
            { ResourceType.UNSIGNED_INTEGER, "-1" },
            { ResourceType.FLOAT, "abc" },
            { ResourceType.TIME, "yesterday" },
            { ResourceType.OBJLNK, "3-0" },
            { ResourceType.OPAQUE, "not base64!" },
            { ResourceType.NONE, "x" },
        };
        for (Object[] c : cases) {
            ResourceType type = (ResourceType) c[0];
            String text = (String) c[1];
            IllegalArgumentException e = assertThrows(type + " " + text, IllegalArgumentException.class,
                    () -> Value.parse(type, text));
            assertTrue(e.getMessage(), e.getMessage().contains("'" + text + "'"));
            assertTrue(e.getMessage(), e.getMessage().contains(type.toString()));
        }
    }

    // ---- accessors of the wrong type --------------------------------------------------------

    @Test
    public void wrongTypeAccessorsThrowIllegalState() {
        assertThrows(IllegalStateException.class, () -> Value.of("x").asLong());
        assertThrows(IllegalStateException.class, () -> Value.of(1.5).asLong());
        assertThrows(IllegalStateException.class, () -> Value.of("x").asDouble());
        assertThrows(IllegalStateException.class, () -> Value.of(true).asDouble());
        assertThrows(IllegalStateException.class, () -> Value.of(1L).asBoolean());
        assertThrows(IllegalStateException.class, () -> Value.of(1.5).asUnsigned());
        assertThrows(IllegalStateException.class, () -> Value.of(1L).asTime());
        assertThrows(IllegalStateException.class, () -> Value.of("3:0").asObjectLink());
        assertThrows(IllegalStateException.class, () -> Value.of(1L).asOpaque());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Value.of(true).asLong());
        assertTrue(e.getMessage(), e.getMessage().contains("BOOLEAN"));
    }

    @Test
    public void asUnsignedOfIntegers() {
        assertEquals(BigInteger.valueOf(5), Value.of(5L).asUnsigned());
        // documented: only a non-negative INTEGER reads as unsigned
        assertThrows(IllegalStateException.class, () -> Value.of(-5L).asUnsigned());
    }

    @Test
    public void otherTypesAnswerTheirTextAsString() {
        assertEquals("1", Value.of(true).asString());
        assertEquals("3:0", Value.of(new ObjectLink(3, 0)).asString());
        assertEquals("AQID", Value.ofOpaque(new byte[] { 1, 2, 3 }).asString());
    }

    // ---- equality --------------------------------------------------------------------------

    @Test
    public void opaqueEqualityIsByContent() {
        Value a = Value.ofOpaque(new byte[] { 1, 2, 3 });
        Value b = Value.ofOpaque(new byte[] { 1, 2, 3 });
        Value c = Value.ofOpaque(new byte[] { 1, 2, 4 });
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, Value.of("\u0001\u0002\u0003"));
    }

    @Test
    public void equalityIncludesTheType() {
        assertEquals(Value.of(1L), Value.of(1L));
        assertEquals(Value.of(1L).hashCode(), Value.of(1L).hashCode());
        assertNotEquals(Value.of(1L), Value.ofUnsigned(1L));
        assertNotEquals(Value.of(1L), Value.of(1.0));
        assertNotEquals(Value.of(1L), Value.ofTime(Instant.ofEpochSecond(1)));
        assertNotEquals(Value.of("a"), Value.ofCoreLink("a"));
        assertNotEquals(Value.of(1L), null);
    }
}
