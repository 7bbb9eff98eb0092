/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static io.lightgate.lwm2m.codec.TestModels.ALL_TYPES;
import static io.lightgate.lwm2m.codec.TestModels.TYPES;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** SPI → bytes → SPI for every format and every resource type. */
public class ContentCodecRoundTripTest {

    private static final List<Integer> SINGLE_VALUE_FORMATS = List.of(ContentCodec.TEXT, ContentCodec.CBOR,
            ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR, ContentCodec.TLV, ContentCodec.LWM2M_JSON);
    private static final List<Integer> MULTI_NODE_FORMATS = List.of(ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR,
            ContentCodec.TLV, ContentCodec.LWM2M_JSON);

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    private static String what(int format, Object content, Encoded e) {
        return ContentCodec.formatName(format) + " " + content + " -> " + HexFormat.of().formatHex(e.payload());
    }

    @Test
    public void singleResourceOfEveryTypeInEveryFormat() {
        int checked = 0;
        for (int i = 0; i < TYPES.length; i++) {
            Resource r = TestModels.single(i);
            LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0, i);
            List<Integer> formats = new ArrayList<>(SINGLE_VALUE_FORMATS);
            if (r.type() == ResourceType.OPAQUE) {
                formats.add(ContentCodec.OPAQUE);
            }
            for (int format : formats) {
                Encoded e = codec.encodeRead(path, r, format);
                assertEquals(format, e.contentFormat());
                assertEquals(what(format, r, e), List.of(r), codec.decodeWrite(path, format, e.payload()));
                checked++;
            }
        }
        assertEquals(9 * 6 + 1, checked);
    }

    @Test
    public void otherValuesOfEveryTypeInEveryFormat() {
        for (int i = 0; i < TYPES.length; i++) {
            Resource r = Resource.of(i, TestModels.other(TYPES[i]));
            LwM2mPath path = LwM2mPath.of(ALL_TYPES, 3, i);
            for (int format : SINGLE_VALUE_FORMATS) {
                Encoded e = codec.encodeRead(path, r, format);
                assertEquals(what(format, r, e), List.of(r), codec.decodeWrite(path, format, e.payload()));
            }
        }
    }

    @Test
    public void multiInstanceResourceOfEveryTypeInEveryMultiNodeFormat() {
        for (int i = 0; i < TYPES.length; i++) {
            Resource r = TestModels.multiple(i);
            LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0, r.id());
            for (int format : MULTI_NODE_FORMATS) {
                Encoded e = codec.encodeRead(path, r, format);
                assertEquals(what(format, r, e), List.of(r), codec.decodeWrite(path, format, e.payload()));
            }
        }
    }

    @Test
    public void resourceInstanceOfEveryTypeInEveryFormat() {
        for (int i = 0; i < TYPES.length; i++) {
            Resource r = TestModels.multiple(i);
            for (int ri : r.instances().keySet()) {
                LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0, r.id(), ri);
                Resource expected = Resource.ofInstances(r.id(), r.type(), Map.of(ri, r.instances().get(ri)));
                List<Integer> formats = new ArrayList<>(SINGLE_VALUE_FORMATS);
                if (r.type() == ResourceType.OPAQUE) {
                    formats.add(ContentCodec.OPAQUE);
                }
                for (int format : formats) {
                    Encoded e = codec.encodeRead(path, r, format);
                    assertEquals(what(format, path, e), List.of(expected), codec.decodeWrite(path, format, e.payload()));
                }
            }
        }
    }

    @Test
    public void instanceWithEveryTypeInEveryMultiNodeFormat() {
        List<Resource> resources = TestModels.allResources();
        InstanceContent instance = InstanceContent.of(0, resources);
        LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0);
        for (int format : MULTI_NODE_FORMATS) {
            Encoded e = codec.encodeRead(path, instance, format);
            assertEquals(what(format, path, e), List.copyOf(instance.resources().values()),
                    codec.decodeWrite(path, format, e.payload()));
        }
    }

    @Test
    public void objectInEveryMultiNodeFormatDecodesAsCreate() {
        List<InstanceContent> instances = List.of(InstanceContent.of(1, TestModels.allResources()),
                InstanceContent.of(5, List.of(TestModels.single(3), TestModels.multiple(2))));
        for (int format : MULTI_NODE_FORMATS) {
            Encoded e = codec.encodeRead(LwM2mPath.of(ALL_TYPES), instances, format);
            assertEquals(what(format, "object", e), instances, codec.decodeCreate(ALL_TYPES, format, e.payload()));
        }
    }

    @Test
    public void unsignedExtremesInEveryFormat() {
        BigInteger[] values = { BigInteger.ZERO, BigInteger.valueOf(127), BigInteger.valueOf(128),
                BigInteger.valueOf(255), BigInteger.valueOf(65535), BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(63), TestModels.U64_MAX.subtract(BigInteger.ONE), TestModels.U64_MAX };
        LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0, 2);
        for (BigInteger v : values) {
            Resource r = Resource.of(2, Value.ofUnsigned(v));
            for (int format : SINGLE_VALUE_FORMATS) {
                Encoded e = codec.encodeRead(path, r, format);
                List<Resource> back = codec.decodeWrite(path, format, e.payload());
                assertEquals(what(format, r, e), v, back.get(0).value().asUnsigned());
            }
        }
    }

    @Test
    public void timeKeepsSecondPrecisionAndNegativeTimes() {
        LwM2mPath path = LwM2mPath.of(ALL_TYPES, 0, 6);
        for (Instant t : List.of(Instant.ofEpochSecond(-86400), Instant.parse("2106-02-07T06:28:16Z"))) {
            Resource r = Resource.of(6, Value.ofTime(t));
            for (int format : SINGLE_VALUE_FORMATS) {
                Encoded e = codec.encodeRead(path, r, format);
                assertEquals(what(format, r, e), t, codec.decodeWrite(path, format, e.payload()).get(0).value().asTime());
            }
        }
    }

    @Test
    public void fourLevelPathOfARegistryObject() {
        // Device (3) from the OMA registry: 11 Error Code is a multi-instance integer
        LwM2mPath path = LwM2mPath.of(3, 0, 11, 3);
        Resource errors = Resource.ofInstances(11, ResourceType.INTEGER, Map.of(0, Value.of(0L), 3, Value.of(8L)));
        for (int format : SINGLE_VALUE_FORMATS) {
            Encoded e = codec.encodeRead(path, errors, format);
            Resource expected = Resource.ofInstances(11, ResourceType.INTEGER, Map.of(3, Value.of(8L)));
            assertEquals(what(format, path, e), List.of(expected), codec.decodeWrite(path, format, e.payload()));
        }
        assertArrayEquals("8".getBytes(), codec.encodeRead(path, errors, null).payload());
    }

    @Test
    public void deviceInstanceFromTheRegistryInEveryMultiNodeFormat() {
        InstanceContent device = InstanceContent.of(0, List.of(
                Resource.of(0, Value.of("Lightgate")),
                Resource.of(1, Value.of("LG-1")),
                Resource.ofInstances(6, ResourceType.INTEGER, Map.of(0, Value.of(1L), 1, Value.of(5L))),
                Resource.ofInstances(7, ResourceType.INTEGER, Map.of(0, Value.of(3800L), 1, Value.of(5000L))),
                Resource.of(9, Value.of(87L)),
                Resource.ofInstances(11, ResourceType.INTEGER, Map.of(0, Value.of(0L))),
                Resource.of(13, Value.ofTime(Instant.parse("2026-03-01T00:00:00Z"))),
                Resource.of(14, Value.of("+01:00")),
                Resource.of(16, Value.of("UQ"))));
        LwM2mPath path = LwM2mPath.of(3, 0);
        for (int format : MULTI_NODE_FORMATS) {
            Encoded e = codec.encodeRead(path, device, format);
            assertEquals(what(format, path, e), List.copyOf(device.resources().values()),
                    codec.decodeWrite(path, format, e.payload()));
        }
    }
}
