/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The path list or values of a composite request on the gateway's root, split by LwM2M Gateway prefix. */
public class CompositeSplitterTest {

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void pathsOfTheGatewayAndOfTwoDevicesGoToTheirParts() {
        byte[] payload = utf8("[{\"n\":\"/3/0/0\"},{\"n\":\"/dev1/3/0/0\"},{\"bn\":\"/meter-1/3303/0/\",\"n\":\"5700\"},"
                + "{\"n\":\"5701\"},{\"bn\":\"/dev1/3303\"},{\"bn\":\"/3303/1\"}]");
        Map<String, byte[]> parts = CompositeSplitter.split(ContentCodec.SENML_JSON, payload);
        assertEquals(List.of("", "dev1", "meter-1"), List.copyOf(parts.keySet()));
        assertEquals(List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(3303, 1)), codec.decodePaths(ContentCodec.SENML_JSON, parts.get("")));
        assertEquals(List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(3303)), codec.decodePaths(ContentCodec.SENML_JSON, parts.get("dev1")));
        // the base name carried over to the record after it, prefix included
        assertEquals(List.of(LwM2mPath.of(3303, 0, 5700), LwM2mPath.of(3303, 0, 5701)),
                codec.decodePaths(ContentCodec.SENML_JSON, parts.get("meter-1")));
    }

    @Test
    public void aPackWithoutPrefixesIsReturnedAsItCame() {
        byte[] payload = utf8("[{\"bn\":\"/3/0/\",\"n\":\"0\"},{\"n\":\"11/0\"}]");
        Map<String, byte[]> parts = CompositeSplitter.split(ContentCodec.SENML_JSON, payload);
        assertEquals(List.of(""), List.copyOf(parts.keySet()));
        assertArrayEquals(payload, parts.get(""));
    }

    @Test
    public void writeCompositeValuesKeepTheirValuesInSenmlCbor() {
        Map<LwM2mPath, Object> own = Map.of(LwM2mPath.of(3, 0, 14), Resource.of(14, Value.of("+02:00")));
        Map<LwM2mPath, Object> device = Map.of(LwM2mPath.of(3303, 0, 5700), Resource.of(5700, Value.of(21.5)));
        byte[] merged = PrefixRenamer.merge(ContentCodec.SENML_CBOR, new java.util.LinkedHashMap<>(Map.of(
                "", codec.encodeComposite(own, ContentCodec.SENML_CBOR).payload(),
                "dev1", codec.encodeComposite(device, ContentCodec.SENML_CBOR).payload())));
        Map<String, byte[]> parts = CompositeSplitter.split(ContentCodec.SENML_CBOR, merged);
        assertEquals(Map.of(LwM2mPath.of(3, 0, 14), Resource.of(14, Value.of("+02:00"))),
                codec.decodeComposite(ContentCodec.SENML_CBOR, parts.get("")));
        assertEquals(Map.of(LwM2mPath.of(3303, 0, 5700), Resource.of(5700, Value.of(21.5))),
                codec.decodeComposite(ContentCodec.SENML_CBOR, parts.get("dev1")));
    }

    @Test
    public void prefixOfAName() {
        assertEquals("", CompositeSplitter.prefixOf("/3/0/0"));
        assertEquals("", CompositeSplitter.prefixOf("/"));
        assertEquals("", CompositeSplitter.prefixOf(null));
        assertEquals("dev1", CompositeSplitter.prefixOf("/dev1/3/0/0"));
        assertEquals("dev1", CompositeSplitter.prefixOf("/dev1"));
        assertEquals("/3/0", CompositeSplitter.withoutPrefix("/dev1/3/0"));
        assertEquals("/", CompositeSplitter.withoutPrefix("/dev1"));
    }

    @Test
    public void badPayloadsAndFormats() {
        LwM2mException bad = assertThrows(LwM2mException.class, () -> CompositeSplitter.split(ContentCodec.SENML_JSON, utf8("[{\"n\":")));
        assertEquals(ResponseCode.BAD_REQUEST, bad.code());
        LwM2mException format = assertThrows(LwM2mException.class, () -> CompositeSplitter.split(ContentCodec.TLV, new byte[1]));
        assertEquals(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, format.code());
    }
}
