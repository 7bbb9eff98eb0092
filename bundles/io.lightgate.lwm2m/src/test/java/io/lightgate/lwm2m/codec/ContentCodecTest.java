/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static io.lightgate.lwm2m.codec.TestModels.ALL_TYPES;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ObjectLink;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Exact payloads, format defaults and error codes. */
public class ContentCodecTest {

    private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0, 5700);
    private static final LwM2mPath TEMPERATURE_INSTANCE = LwM2mPath.of(3303, 0);

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    private static String text(Encoded e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static LwM2mException assertCode(ResponseCode code, Runnable call, String... messageParts) {
        LwM2mException e = assertThrows(LwM2mException.class, call::run);
        assertEquals(e.toString(), code, e.code());
        for (String part : messageParts) {
            assertTrue("'" + e.getMessage() + "' should contain '" + part + "'", e.getMessage().contains(part));
        }
        return e;
    }

    private static InstanceContent temperature(double value) {
        return InstanceContent.of(0, List.of(Resource.of(5700, Value.of(value)), Resource.of(5701, Value.of("Cel"))));
    }

    // ------------------------------------------------------------------ exact payloads

    @Test
    public void plainTextFloat() {
        Encoded e = codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(23.5)), null);
        assertEquals(new Encoded(ContentCodec.TEXT, utf8("23.5")), e);
    }

    @Test
    public void plainTextFloatHasNoExponent() {
        assertEquals("0.0000001", text(codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1e-7)), 0)));
        assertEquals("1000000000000000000000", text(codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1e21)), 0)));
        assertEquals("20", text(codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(20.0)), 0)));
    }

    @Test
    public void plainTextOfOtherTypes() {
        assertEquals("1", text(codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 4), Resource.of(4, Value.of(true)), null)));
        assertEquals("3303:12", text(codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 7),
                Resource.of(7, Value.of(new ObjectLink(3303, 12))), null)));
        assertEquals("1772368496", text(codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 6),
                Resource.of(6, Value.ofTime(Instant.ofEpochSecond(1772368496))), null)));
        assertEquals("18446744073709551615", text(codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 2),
                Resource.of(2, Value.ofUnsigned(TestModels.U64_MAX)), null)));
        // opaque as text is base64 (only when asked for)
        assertEquals("AAEC/4A=", text(codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 5), TestModels.single(5), 0)));
    }

    @Test
    public void senmlJsonOfAnInstanceUsesBaseName() {
        Encoded e = codec.encodeRead(TEMPERATURE_INSTANCE, temperature(23.5), ContentCodec.SENML_JSON);
        assertEquals(ContentCodec.SENML_JSON, e.contentFormat());
        assertEquals("[{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"v\":23.5},{\"n\":\"5701\",\"vs\":\"Cel\"}]", text(e));
    }

    @Test
    public void senmlJsonOfAResourceAndOfAResourceInstance() {
        assertEquals("[{\"bn\":\"/3303/0/5700\",\"v\":23.5}]",
                text(codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(23.5)), ContentCodec.SENML_JSON)));
        Resource errors = Resource.ofInstances(11, ResourceType.INTEGER, Map.of(0, Value.of(0L), 1, Value.of(8L)));
        assertEquals("[{\"bn\":\"/3/0/11/\",\"n\":\"0\",\"v\":0},{\"n\":\"1\",\"v\":8}]",
                text(codec.encodeRead(LwM2mPath.of(3, 0, 11), errors, ContentCodec.SENML_JSON)));
        assertEquals("[{\"bn\":\"/3/0/11/1\",\"v\":8}]",
                text(codec.encodeRead(LwM2mPath.of(3, 0, 11, 1), errors, ContentCodec.SENML_JSON)));
    }

    @Test
    public void lwm2mJsonOfAnInstance() {
        assertEquals("{\"bn\":\"/3303/0/\",\"e\":[{\"n\":\"5700\",\"v\":23.5},{\"n\":\"5701\",\"sv\":\"Cel\"}]}",
                text(codec.encodeRead(TEMPERATURE_INSTANCE, temperature(23.5), ContentCodec.LWM2M_JSON)));
    }

    @Test
    public void tlvOfTheSpecExample() {
        // LwM2M Core 7.4.3: /3/0/0 "Open Mobile Alliance" as a resource TLV
        Encoded e = codec.encodeRead(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Open Mobile Alliance")),
                ContentCodec.TLV);
        assertArrayEquals(hex("C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65"), e.payload());
        // and the multiple resource /3/0/6 (available power sources 1 and 5)
        Resource sources = Resource.ofInstances(6, ResourceType.INTEGER, Map.of(0, Value.of(1L), 1, Value.of(5L)));
        assertArrayEquals(hex("86 06 41 00 01 41 01 05"),
                codec.encodeRead(LwM2mPath.of(3, 0, 6), sources, ContentCodec.TLV).payload());
    }

    @Test
    public void tlvUnsignedAboveLongMaxIsWrittenAsEightBytes() {
        Encoded e = codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 2), Resource.of(2, Value.ofUnsigned(TestModels.U64_MAX)),
                ContentCodec.TLV);
        // leshan M15 alone writes C1 02 FF, i.e. 255 for any other decoder
        assertArrayEquals(hex("C8 02 08 FF FF FF FF FF FF FF FF"), e.payload());
        // small values keep leshan's form, which signed and unsigned readers agree on
        assertArrayEquals(hex("C2 02 00 C8"), codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 2),
                Resource.of(2, Value.ofUnsigned(200)), ContentCodec.TLV).payload());
    }

    @Test
    public void tlvUnsignedWithTheTopBitSetIsReadUnsigned() {
        LwM2mPath p = LwM2mPath.of(ALL_TYPES, 0, 2);
        // 200 in one byte, as the spec allows (leshan M15 alone reads 2^64-56)
        assertEquals(BigInteger.valueOf(200), codec.decodeWrite(p, ContentCodec.TLV, hex("C1 02 C8")).get(0).value()
                .asUnsigned());
        assertEquals(BigInteger.valueOf(0xFFFF), codec.decodeWrite(p, ContentCodec.TLV, hex("C2 02 FF FF")).get(0)
                .value().asUnsigned());
        assertEquals(TestModels.U64_MAX, codec.decodeWrite(p, ContentCodec.TLV, hex("C8 02 08 FF FF FF FF FF FF FF FF"))
                .get(0).value().asUnsigned());
        // inside an instance and a multiple resource
        List<Resource> rs = codec.decodeWrite(LwM2mPath.of(ALL_TYPES, 0), ContentCodec.TLV,
                hex("C1 02 80 88 0C 03 41 00 FF"));
        assertEquals(BigInteger.valueOf(128), rs.get(0).value().asUnsigned());
        assertEquals(BigInteger.valueOf(255), rs.get(1).instances().get(0).asUnsigned());
    }

    @Test
    public void tlvTimeAfter2038IsNotTruncated() {
        Instant t = Instant.parse("2040-01-01T00:00:00Z");
        Encoded e = codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 6), Resource.of(6, Value.ofTime(t)), ContentCodec.TLV);
        assertEquals(8, e.payload()[2]);
        assertEquals(t, codec.decodeWrite(LwM2mPath.of(ALL_TYPES, 0, 6), ContentCodec.TLV, e.payload()).get(0).value()
                .asTime());
    }

    @Test
    public void integerValueForAFloatModelIsConverted() {
        assertEquals("23", text(codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(23L)), null)));
        assertEquals(List.of(Resource.of(5700, Value.of(23.0))), codec.decodeWrite(TEMPERATURE, ContentCodec.TLV,
                codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(23L)), ContentCodec.TLV).payload()));
    }

    @Test
    public void objectWithoutModelIsStillEncoded() {
        LwM2mPath p = LwM2mPath.of(4444, 0, 1);
        assertEquals("7", text(codec.encodeRead(p, Resource.of(1, Value.of(7L)), null)));
        assertEquals(ContentCodec.TLV,
                codec.encodeRead(p.parent(), InstanceContent.of(0, List.of(Resource.of(1, Value.of(7L)))), null)
                        .contentFormat());
    }

    // ------------------------------------------------------------------ defaults

    @Test
    public void defaultFormats() {
        assertEquals(ContentCodec.TEXT, codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1.0)), null)
                .contentFormat());
        assertEquals(ContentCodec.OPAQUE, codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 5), TestModels.single(5), null)
                .contentFormat());
        assertArrayEquals(new byte[] { 0, 1, 2, (byte) 0xFF, (byte) 0x80 },
                codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 5), TestModels.single(5), null).payload());
        // a resource instance is a single value
        assertEquals(ContentCodec.TEXT, codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 11, 7), TestModels.multiple(1), null)
                .contentFormat());
        assertEquals(ContentCodec.OPAQUE, codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 15, 7), TestModels.multiple(5),
                null).contentFormat());
        // anything else is TLV
        assertEquals(ContentCodec.TLV, codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 11), TestModels.multiple(1), null)
                .contentFormat());
        assertEquals(ContentCodec.TLV, codec.encodeRead(TEMPERATURE_INSTANCE, temperature(1), null).contentFormat());
        assertEquals(ContentCodec.TLV, codec.encodeRead(LwM2mPath.of(3303), List.of(temperature(1)), null)
                .contentFormat());
        // composite and timestamped: SenML CBOR
        assertEquals(ContentCodec.SENML_CBOR,
                codec.encodeComposite(Map.of(TEMPERATURE, Resource.of(5700, Value.of(1.0))), null).contentFormat());
        assertEquals(ContentCodec.SENML_CBOR, codec.encodeTimestamped(Map.of(TEMPERATURE,
                List.of(new TimedValue(null, Resource.of(5700, Value.of(1.0))))), null).contentFormat());
    }

    @Test
    public void multiNodeDefaultCanBeSenml() {
        ContentCodec senml = new ContentCodec(TestModels.standard(), ContentCodec.SENML_CBOR);
        assertEquals(ContentCodec.SENML_CBOR, senml.encodeRead(TEMPERATURE_INSTANCE, temperature(1), null).contentFormat());
        assertEquals(ContentCodec.TEXT, senml.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1.0)), null)
                .contentFormat());
        assertThrows(IllegalArgumentException.class, () -> new ContentCodec(TestModels.standard(), ContentCodec.TEXT));
    }

    @Test
    public void supportedFormatsAndNames() {
        assertEquals(List.of(0, 42, 60, 110, 112, 11542, 11543), ContentCodec.SUPPORTED_FORMATS);
        assertEquals("text/plain (0)", ContentCodec.formatName(0));
        assertEquals("application/vnd.oma.lwm2m+tlv (11542)", ContentCodec.formatName(11542));
        assertTrue(ContentCodec.formatName(9999), ContentCodec.formatName(9999).contains("9999"));
        assertTrue(ContentCodec.isSupported(112));
        assertTrue(!ContentCodec.isSupported(40));
    }

    // ------------------------------------------------------------------ read errors

    @Test
    public void acceptTextForAnInstanceIs406() {
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(TEMPERATURE_INSTANCE, temperature(1), ContentCodec.TEXT), "text/plain",
                "/3303/0");
    }

    @Test
    public void unrepresentableAcceptsAre406() {
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1.0)), 9999), "9999");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1.0)), ContentCodec.OPAQUE),
                "application/octet-stream");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of(1.0)), ContentCodec.LINK_FORMAT),
                "link-format");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 11), TestModels.multiple(1), ContentCodec.TEXT),
                "multi-instance");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 11), TestModels.multiple(1), ContentCodec.CBOR),
                "application/cbor");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeRead(LwM2mPath.of(3303), List.of(temperature(1)), ContentCodec.OPAQUE), "object");
        assertCode(ResponseCode.NOT_ACCEPTABLE,
                () -> codec.encodeComposite(Map.of(TEMPERATURE, Resource.of(5700, Value.of(1.0))), ContentCodec.TLV),
                "tlv");
        assertCode(ResponseCode.NOT_ACCEPTABLE, () -> codec.encodeTimestamped(Map.of(), ContentCodec.LWM2M_JSON));
    }

    @Test
    public void missingResourceInstanceOnReadIs404() {
        assertCode(ResponseCode.NOT_FOUND, () -> codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 11, 3),
                TestModels.multiple(1), null), "/33000/0/11/3");
    }

    @Test
    public void contentNotMatchingItsModelIs500() {
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR,
                () -> codec.encodeRead(TEMPERATURE, Resource.of(5700, Value.of("hot")), ContentCodec.TLV), "/3303/0/5700");
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR,
                () -> codec.encodeRead(LwM2mPath.of(ALL_TYPES, 0, 8), Resource.of(8, Value.ofCoreLink("not a link")), 0),
                "not a link");
    }

    @Test
    public void wrongShapeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> codec.encodeRead(TEMPERATURE_INSTANCE, Resource.of(5700, Value.of(1.0)), null));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encodeRead(TEMPERATURE, Resource.of(5701, Value.of("Cel")), null));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeRead(LwM2mPath.of(3303), temperature(1), null));
    }

    // ------------------------------------------------------------------ write errors

    @Test
    public void textAbcForAnIntegerIs400() {
        assertCode(ResponseCode.BAD_REQUEST,
                () -> codec.decodeWrite(LwM2mPath.of(ALL_TYPES, 0, 1), ContentCodec.TEXT, utf8("abc")), "abc",
                "/33000/0/1");
        assertCode(ResponseCode.BAD_REQUEST,
                () -> codec.decodeWrite(LwM2mPath.of(ALL_TYPES, 0, 4), ContentCodec.TEXT, utf8("yes")), "yes");
    }

    @Test
    public void truncatedTlvIs400() {
        byte[] whole = codec.encodeRead(TEMPERATURE_INSTANCE, temperature(23.5), ContentCodec.TLV).payload();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.TLV, truncated),
                "tlv");
    }

    @Test
    public void badSenmlJsonIs400() {
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"v\":")), "senml+json");
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.SENML_CBOR,
                hex("81 a2 02")));
        // a string where the model wants a float
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"vs\":\"hot\"}]")), "5700");
        // a record for another instance
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/1/\",\"n\":\"5700\",\"v\":1}]")));
    }

    @Test
    public void multiplicityMustMatchTheModel() {
        // a multiple resource TLV for the single resource 5700
        assertCode(ResponseCode.BAD_REQUEST,
                () -> codec.decodeWrite(TEMPERATURE, ContentCodec.TLV, hex("A8 16 44 06 44 00 41 B8 00 00")), "single-instance");
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/0/\",\"n\":\"5700/0\",\"v\":1}]")), "single-instance");
    }

    @Test
    public void unknownContentFormatIs415() {
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, () -> codec.decodeWrite(TEMPERATURE, 9999, utf8("1")),
                "9999");
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, () -> codec.decodeCreate(3303, 9999, utf8("1")), "9999");
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeWrite(TEMPERATURE, ContentCodec.LINK_FORMAT, utf8("</1>")));
    }

    @Test
    public void formatThatCannotCarryTheTargetIs415() {
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeWrite(TEMPERATURE_INSTANCE, ContentCodec.TEXT, utf8("1")), "text/plain");
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeWrite(TEMPERATURE, ContentCodec.OPAQUE, new byte[] { 1 }), "FLOAT");
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeWrite(LwM2mPath.of(ALL_TYPES, 0, 11), ContentCodec.TEXT, utf8("1")), "multi-instance");
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeCreate(3303, ContentCodec.CBOR, new byte[] { 1 }));
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, () -> codec.decodePaths(ContentCodec.TLV, new byte[0]));
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                () -> codec.decodeComposite(ContentCodec.LWM2M_JSON, utf8("{}")));
    }

    @Test
    public void payloadForAnUnknownObjectOrResourceIs404() {
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeWrite(LwM2mPath.of(4444, 0, 1), ContentCodec.TEXT,
                utf8("1")), "4444");
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeWrite(LwM2mPath.of(4444, 0), ContentCodec.TLV,
                hex("C1 01 01")), "4444");
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeCreate(4444, ContentCodec.TLV, hex("C1 01 01")), "4444");
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeWrite(LwM2mPath.of(3303, 0, 9999), ContentCodec.TEXT,
                utf8("1")), "9999");
        // a resource instance of a single-instance resource
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeWrite(LwM2mPath.of(3303, 0, 5700, 0), ContentCodec.TEXT,
                utf8("1")), "single-instance");
    }

    @Test
    public void writeToAResourceInstanceYieldsAOneInstanceResource() {
        List<Resource> rs = codec.decodeWrite(LwM2mPath.of(3, 0, 11, 4), ContentCodec.TEXT, utf8("8"));
        assertEquals(List.of(Resource.ofInstances(11, ResourceType.INTEGER, Map.of(4, Value.of(8L)))), rs);
    }

    @Test
    public void emptyMultiInstanceResourceWrite() {
        List<Resource> rs = codec.decodeWrite(LwM2mPath.of(3, 0, 11), ContentCodec.TLV, hex("88 0B 00"));
        assertEquals(List.of(Resource.ofInstances(11, ResourceType.INTEGER, Map.of())), rs);
    }

    // ------------------------------------------------------------------ create

    @Test
    public void createWithoutInstanceIdMarksTheIdAbsent() {
        // resources only: 5700 = 1.5 (float, 8 bytes), 5701 = "C"
        byte[] tlv = codec.encodeRead(TEMPERATURE_INSTANCE, InstanceContent.of(0,
                List.of(Resource.of(5700, Value.of(1.5)), Resource.of(5701, Value.of("C")))), ContentCodec.TLV).payload();
        List<InstanceContent> created = codec.decodeCreate(3303, ContentCodec.TLV, tlv);
        assertEquals(1, created.size());
        assertEquals(LwM2mPath.NONE, created.get(0).id());
        assertEquals(Value.of(1.5), created.get(0).resources().get(5700).value());
    }

    @Test
    public void createWithoutInstanceIdOnASingleInstanceObject() {
        // leshan alone says 0 for single-instance objects; the codec reports the id as absent
        List<InstanceContent> created = codec.decodeCreate(3, ContentCodec.TLV, hex("C3 0E 2B 30 31"));
        assertEquals(List.of(new InstanceContent(LwM2mPath.NONE,
                new java.util.TreeMap<>(Map.of(14, Resource.of(14, Value.of("+01")))))), created);
    }

    @Test
    public void createWithInstanceIdKeepsIt() {
        byte[] tlv = codec.encodeRead(LwM2mPath.of(3303), List.of(InstanceContent.of(4,
                List.of(Resource.of(5700, Value.of(1.5))))), ContentCodec.TLV).payload();
        assertEquals(4, codec.decodeCreate(3303, ContentCodec.TLV, tlv).get(0).id());
        byte[] senml = utf8("[{\"bn\":\"/3303/7/\",\"n\":\"5700\",\"v\":2.5}]");
        List<InstanceContent> created = codec.decodeCreate(3303, ContentCodec.SENML_JSON, senml);
        assertEquals(List.of(InstanceContent.of(7, List.of(Resource.of(5700, Value.of(2.5))))), created);
    }

    @Test
    public void createWithEmptyPayloadIsOneEmptyInstanceWithoutId() {
        List<InstanceContent> expected = List.of(new InstanceContent(LwM2mPath.NONE, new java.util.TreeMap<>()));
        assertEquals(expected, codec.decodeCreate(3303, ContentCodec.TLV, new byte[0]));
        assertEquals(expected, codec.decodeCreate(3303, ContentCodec.SENML_JSON, utf8("[]")));
    }

    @Test
    public void badCreatePayloadIs400() {
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeCreate(3303, ContentCodec.TLV, hex("C8 16 08 40")),
                "/3303");
    }
}
