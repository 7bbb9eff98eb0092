/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.Test;

/** LwM2M 1.1 composite operations and timestamped values (Send). */
public class ContentCodecCompositeTest {

    private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0, 5700);

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertCode(ResponseCode code, Runnable call) {
        LwM2mException e = assertThrows(LwM2mException.class, call::run);
        assertEquals(e.toString(), code, e.code());
    }

    @Test
    public void decodePathsFromSenmlJson() {
        byte[] payload = utf8("[{\"bn\":\"/3/0/\",\"n\":\"0\"},{\"n\":\"11/0\"},{\"bn\":\"/3303/0\"},{\"bn\":\"/3303\"}]");
        assertEquals(List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(3, 0, 11, 0), LwM2mPath.of(3303, 0), LwM2mPath.of(3303)),
                codec.decodePaths(ContentCodec.SENML_JSON, payload));
    }

    @Test
    public void decodePathsFromSenmlCbor() {
        List<org.eclipse.leshan.core.node.LwM2mPath> paths = List.of(new org.eclipse.leshan.core.node.LwM2mPath(3, 0, 0),
                new org.eclipse.leshan.core.node.LwM2mPath(3303, 0, 5700));
        byte[] cbor = new DefaultLwM2mEncoder().encodePaths(paths, ContentFormat.SENML_CBOR);
        assertEquals(List.of(LwM2mPath.of(3, 0, 0), TEMPERATURE), codec.decodePaths(ContentCodec.SENML_CBOR, cbor));
    }

    @Test
    public void badPathListIs400() {
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodePaths(ContentCodec.SENML_JSON, utf8("[{\"n\":")));
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodePaths(ContentCodec.SENML_JSON, utf8("[{\"n\":\"/a/b\"}]")));
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, () -> codec.decodePaths(ContentCodec.TLV, new byte[0]));
    }

    @Test
    public void encodeCompositeAsSenmlJson() {
        Map<LwM2mPath, Object> contents = new HashMap<>();
        contents.put(TEMPERATURE, Resource.of(5700, Value.of(23.5)));
        contents.put(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Lightgate")));
        contents.put(LwM2mPath.of(3303, 1), InstanceContent.of(1, List.of(Resource.of(5701, Value.of("Cel")))));
        contents.put(LwM2mPath.of(3303, 2, 5700), null); // no value: left out
        Encoded e = codec.encodeComposite(contents, ContentCodec.SENML_JSON);
        assertEquals(ContentCodec.SENML_JSON, e.contentFormat());
        assertEquals("[{\"bn\":\"/3/0/0\",\"vs\":\"Lightgate\"},{\"bn\":\"/3303/0/5700\",\"v\":23.5},"
                + "{\"bn\":\"/3303/1/\",\"n\":\"5701\",\"vs\":\"Cel\"}]", new String(e.payload(), StandardCharsets.UTF_8));
    }

    @Test
    public void compositeRoundTripThroughWriteComposite() {
        for (int format : List.of(ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR)) {
            Map<LwM2mPath, Object> contents = new LinkedHashMap<>();
            contents.put(TEMPERATURE, Resource.of(5700, Value.of(23.5)));
            contents.put(LwM2mPath.of(3, 0, 14), Resource.of(14, Value.of("+02:00")));
            contents.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, 2), TestModels.single(2));
            contents.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, 16, 7), TestModels.multiple(6));
            Encoded e = codec.encodeComposite(contents, format);
            SortedMap<LwM2mPath, Resource> back = codec.decodeComposite(format, e.payload());
            SortedMap<LwM2mPath, Resource> expected = new TreeMap<>();
            expected.put(TEMPERATURE, Resource.of(5700, Value.of(23.5)));
            expected.put(LwM2mPath.of(3, 0, 14), Resource.of(14, Value.of("+02:00")));
            expected.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, 2), TestModels.single(2));
            expected.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, 16, 7), Resource.ofInstances(16, ResourceType.TIME,
                    Map.of(7, TestModels.other(ResourceType.TIME))));
            assertEquals(ContentCodec.formatName(format), expected, back);
        }
    }

    @Test
    public void emptyCompositeIsAnEmptyPack() {
        assertArrayEquals(utf8("[]"), codec.encodeComposite(Map.of(), ContentCodec.SENML_JSON).payload());
        assertArrayEquals(new byte[] { (byte) 0x80 }, codec.encodeComposite(Map.of(), null).payload());
    }

    @Test
    public void writeCompositeErrors() {
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeComposite(ContentCodec.SENML_JSON, utf8("[{\"bn\":")));
        assertCode(ResponseCode.BAD_REQUEST, () -> codec.decodeComposite(ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/0/5700\",\"vs\":\"hot\"}]")));
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeComposite(ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/4444/0/1\",\"v\":1}]")));
        assertCode(ResponseCode.NOT_FOUND, () -> codec.decodeComposite(ContentCodec.SENML_JSON,
                utf8("[{\"bn\":\"/3303/0/9999\",\"v\":1}]")));
        assertCode(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, () -> codec.decodeComposite(9999, new byte[0]));
    }

    @Test
    public void timestampedValuesForSend() {
        Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-03-01T10:00:10Z");
        Map<LwM2mPath, List<TimedValue>> values = Map.of(TEMPERATURE, List.of(
                new TimedValue(t1, Resource.of(5700, Value.of(21.5))),
                new TimedValue(t2, Resource.of(5700, Value.of(22.0)))));
        for (int format : List.of(ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR)) {
            Encoded e = codec.encodeTimestamped(values, format);
            TimestampedLwM2mNodes nodes = new DefaultLwM2mDecoder().decodeTimestampedNodes(e.payload(),
                    ContentFormat.fromCode(format), null, new LeshanModels(TestModels.standard()));
            assertEquals(Set.of(t1, t2), nodes.getTimestamps());
            LwM2mNode first = nodes.getNodesAt(t1).get(new org.eclipse.leshan.core.node.LwM2mPath(3303, 0, 5700));
            assertEquals(21.5, ((LwM2mSingleResource) first).getValue());
            LwM2mNode second = nodes.getNodesAt(t2).get(new org.eclipse.leshan.core.node.LwM2mPath(3303, 0, 5700));
            assertEquals(22.0, ((LwM2mSingleResource) second).getValue());
        }
        String json = new String(codec.encodeTimestamped(values, ContentCodec.SENML_JSON).payload(),
                StandardCharsets.UTF_8);
        assertTrue(json, json.contains("\"bt\":1772359200") || json.contains("\"t\":1772359200"));
    }

    @Test
    public void sendOfADeviceBehindTheGatewayNamesItsPathsUnderItsPrefix() throws Exception {
        Instant t1 = Instant.parse("2026-03-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-03-01T10:00:10Z");
        Map<LwM2mPath, List<TimedValue>> values = new TreeMap<>(Map.of(
                TEMPERATURE, List.of(new TimedValue(t1, Resource.of(5700, Value.of(21.5))), new TimedValue(t2, Resource.of(5700, Value.of(22.0)))),
                LwM2mPath.of(3303, 1, 5700), List.of(new TimedValue(t2, Resource.of(5700, Value.of(7.0))))));
        for (int format : List.of(ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR)) {
            Encoded e = codec.prefixed(codec.encodeTimestamped(values, format), "meter-1");
            var pack = format == ContentCodec.SENML_CBOR
                    ? new org.eclipse.leshan.senml.cbor.upokecenter.SenMLCborUpokecenterEncoderDecoder().fromSenML(e.payload())
                    : new org.eclipse.leshan.senml.json.jackson.SenMLJsonJacksonEncoderDecoder().fromSenML(e.payload());
            var resolver = new org.eclipse.leshan.senml.SenMLResolver<org.eclipse.leshan.senml.ResolvedSenMLRecord>() {
                @Override
                protected org.eclipse.leshan.senml.ResolvedSenMLRecord createResolvedRecord(org.eclipse.leshan.senml.SenMLRecord r,
                        String name, java.math.BigDecimal time) {
                    return new org.eclipse.leshan.senml.ResolvedSenMLRecord(r, name, time);
                }
            };
            List<String> names = new java.util.ArrayList<>();
            for (var record : pack.getRecords()) {
                names.add(resolver.resolve(record).getName()); // a base name carries over to the records after it
            }
            assertEquals(formatName(format) + " " + pack, List.of("/meter-1/3303/0/5700", "/meter-1/3303/0/5700", "/meter-1/3303/1/5700"),
                    names.stream().sorted().toList());
        }
        Encoded text = new Encoded(0, utf8("21.5"));
        assertEquals(text, codec.prefixed(text, "meter-1"));
    }

    private static String formatName(int format) {
        return format == ContentCodec.SENML_CBOR ? "SenML CBOR" : "SenML JSON";
    }
}
