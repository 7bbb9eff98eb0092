/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static io.lightgate.lwm2m.codec.TestModels.ALL_TYPES;
import static io.lightgate.lwm2m.codec.TestModels.TYPES;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ObjectLink;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.leshan.core.tlv.Tlv;
import org.eclipse.leshan.core.tlv.TlvDecoder;
import org.eclipse.leshan.core.tlv.TlvException;
import org.junit.Test;

/**
 * The direct TLV writer gives the bytes of leshan's encoder (plus TlvRepair's fixes) for every
 * type, value range, length class and path level; and those bytes decode to the content again.
 */
public class TlvWriterTest {

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    /**
     * The same TLVs as leshan's, in id order (leshan's order is that of a HashMap; no decoder
     * depends on it), and encodeRead takes the direct way.
     */
    private void assertSameAsLeshan(LwM2mPath path, Object content) {
        byte[] leshan = codec.encodeWithLeshan(path, content, ContentCodec.TLV).payload();
        byte[] direct = TlvWriter.write(path, content);
        assertEquals(path + " " + content, canonical(leshan, true), canonical(direct, false));
        assertEquals(leshan.length, direct.length);
        assertEquals(HexFormat.of().formatHex(direct), HexFormat.of().formatHex(codec.encodeRead(path, content, ContentCodec.TLV).payload()));
    }

    /** The TLV tree as text, children sorted by id when {@code sort}; unsorted text must already be in id order. */
    private static String canonical(byte[] payload, boolean sort) {
        try {
            return canonical(TlvDecoder.decode(ByteBuffer.wrap(payload)), sort);
        } catch (TlvException e) {
            throw new AssertionError("does not parse: " + HexFormat.of().formatHex(payload), e);
        }
    }

    private static String canonical(Tlv[] tlvs, boolean sort) {
        List<Tlv> list = new ArrayList<>(Arrays.asList(tlvs));
        if (sort) {
            list.sort(Comparator.comparingInt(Tlv::getIdentifier));
        }
        StringBuilder b = new StringBuilder();
        for (Tlv t : list) {
            b.append(t.getType()).append(':').append(t.getIdentifier()).append('=');
            b.append(t.getChildren() != null ? "[" + canonical(t.getChildren(), sort) + "]" : HexFormat.of().formatHex(t.getValue()));
            b.append(' ');
        }
        return b.toString();
    }

    private static List<Value> edgeValues(ResourceType type, Random random) {
        List<Value> values = new ArrayList<>();
        switch (type) {
            case INTEGER -> {
                for (long v : new long[] { 0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32768, -32769, Integer.MAX_VALUE,
                        Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE }) {
                    values.add(Value.of(v));
                }
                values.add(Value.of(random.nextLong()));
            }
            case UNSIGNED_INTEGER -> {
                for (long v : new long[] { 0, 1, 127, 128, 200, 255, 256, 65535, 65536, 0xFFFF_FFFFL, Long.MAX_VALUE }) {
                    values.add(Value.ofUnsigned(v));
                }
                values.add(Value.ofUnsigned(TestModels.U64_MAX)); // 2^64-1 and 2^63: 8 bytes
                values.add(Value.ofUnsigned(java.math.BigInteger.ONE.shiftLeft(63)));
            }
            case FLOAT -> {
                for (double v : new double[] { 0, -0.0, 1.5, 23.5, -0.001, 1e-7, Double.MAX_VALUE, Double.MIN_VALUE, 0.1 }) {
                    values.add(Value.of(v));
                }
            }
            case BOOLEAN -> values.addAll(List.of(Value.of(true), Value.of(false)));
            case TIME -> {
                for (long s : new long[] { 0, 1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 4_102_444_800L, 1_788_000_000L }) {
                    values.add(Value.ofTime(Instant.ofEpochSecond(s)));
                }
            }
            case OBJLNK -> values.addAll(List.of(Value.of(new ObjectLink(3303, 12)), Value.of(ObjectLink.NULL), Value.of(new ObjectLink(0, 0))));
            case STRING -> {
                values.addAll(List.of(Value.of(""), Value.of("1234567"), Value.of("12345678"), Value.of("hällo, wörld €"),
                        Value.of("a\uD83D\uDE00b"), Value.of("x".repeat(255)), Value.of("x".repeat(256)), Value.of("y".repeat(70_000))));
            }
            case OPAQUE -> {
                for (int n : new int[] { 0, 7, 8, 255, 256, 65535, 65536 }) {
                    byte[] b = new byte[n];
                    random.nextBytes(b);
                    values.add(Value.ofOpaque(b));
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return values;
    }

    @Test
    public void everyTypeAndLengthClassAtResourceAndResourceInstanceLevel() {
        Random random = new Random(7);
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == ResourceType.CORELNK) {
                continue;
            }
            for (Value v : edgeValues(TYPES[i], random)) {
                assertSameAsLeshan(LwM2mPath.of(ALL_TYPES, 0, i), Resource.of(i, v));
                Map<Integer, Value> instances = new TreeMap<>(Map.of(0, v, 255, v, 256, v));
                Resource multiple = Resource.ofInstances(10 + i, TYPES[i], instances);
                assertSameAsLeshan(LwM2mPath.of(ALL_TYPES, 0, 10 + i), multiple);
                assertSameAsLeshan(LwM2mPath.of(ALL_TYPES, 0, 10 + i, 256), multiple);
            }
        }
    }

    @Test
    public void instancesAndObjectsWithEveryResource() {
        List<Resource> resources = new ArrayList<>();
        for (Resource r : TestModels.allResources()) {
            if (r.type() != ResourceType.CORELNK) {
                resources.add(r);
            }
        }
        InstanceContent first = InstanceContent.of(0, resources);
        InstanceContent big = InstanceContent.of(300, resources);
        assertSameAsLeshan(LwM2mPath.of(ALL_TYPES, 0), first);
        assertSameAsLeshan(LwM2mPath.of(ALL_TYPES), List.of(first, big));
        assertSameAsLeshan(LwM2mPath.of(ALL_TYPES), List.of());
        assertSameAsLeshan(LwM2mPath.of(ALL_TYPES, 0), InstanceContent.of(0, List.of()));
        // the Device object's instance, as a server's Read /3/0 gets it
        InstanceContent device = InstanceContent.of(0, List.of(Resource.of(0, Value.of("Lightgate")), Resource.of(1, Value.of("LG-1")),
                Resource.of(9, Value.of(87)), Resource.of(13, Value.ofTime(Instant.parse("2026-12-06T21:00:00Z"))),
                Resource.ofInstances(6, ResourceType.INTEGER, Map.of(0, Value.of(1), 1, Value.of(5))),
                Resource.of(16, Value.of("U"))));
        assertSameAsLeshan(LwM2mPath.of(3, 0), device);
        assertEquals(List.of(device.resources().values().toArray()), codec.decodeWrite(LwM2mPath.of(3, 0), ContentCodec.TLV,
                codec.encodeRead(LwM2mPath.of(3, 0), device, ContentCodec.TLV).payload()));
    }

    @Test
    public void contentThatDoesNotFitThePathIsRefusedLikeBefore() {
        assertThrows(IllegalArgumentException.class, () -> TlvWriter.write(LwM2mPath.of(3, 0), Resource.of(0, Value.of("x"))));
        assertThrows(IllegalArgumentException.class, () -> TlvWriter.write(LwM2mPath.of(3, 0, 1), Resource.of(0, Value.of("x"))));
        LwM2mException missing = assertThrows(LwM2mException.class, () -> TlvWriter.write(LwM2mPath.of(3, 0, 6, 9),
                Resource.ofInstances(6, ResourceType.INTEGER, Map.of(0, Value.of(1)))));
        assertEquals(ResponseCode.NOT_FOUND, missing.code());
        assertFalse("core links go through leshan", TlvWriter.canWrite(TestModels.allTypes(), Resource.of(8, Value.ofCoreLink("</1/0>"))));
        assertFalse("an integer for a float model is converted by leshan",
                TlvWriter.canWrite(TestModels.allTypes(), Resource.of(3, Value.of(23L))));
    }
}
