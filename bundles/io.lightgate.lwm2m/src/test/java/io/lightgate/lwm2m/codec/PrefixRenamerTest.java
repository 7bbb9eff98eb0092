/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Names of payloads put under an LwM2M Gateway prefix; composite answers of several devices merged. */
public class PrefixRenamerTest {

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    public void compositeAnswersOfTheGatewayAndTwoDevicesMergeIntoOnePackEachNameUnderItsPrefix() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("", codec.encodeComposite(Map.of(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Lightgate"))), ContentCodec.SENML_JSON)
                .payload());
        parts.put("dev1", codec.encodeComposite(Map.of(LwM2mPath.of(3303, 1), InstanceContent.of(1, List.of(Resource.of(5701,
                Value.of("Cel"))))), ContentCodec.SENML_JSON).payload());
        parts.put("meter-1", codec.encodeComposite(Map.of(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Meters Inc"))),
                ContentCodec.SENML_JSON).payload());
        assertEquals("[{\"n\":\"/3/0/0\",\"vs\":\"Lightgate\"},{\"n\":\"/dev1/3303/1/5701\",\"vs\":\"Cel\"},"
                + "{\"n\":\"/meter-1/3/0/0\",\"vs\":\"Meters Inc\"}]", utf8(PrefixRenamer.merge(ContentCodec.SENML_JSON, parts)));
    }

    @Test
    public void theGatewaysOwnAnswerAloneIsLeftAsItIs() {
        byte[] own = codec.encodeComposite(Map.of(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Lightgate"))), ContentCodec.SENML_CBOR)
                .payload();
        assertArrayEquals(own, PrefixRenamer.merge(ContentCodec.SENML_CBOR, Map.of("", own)));
    }

    @Test
    public void anEmptyDeviceAnswerAddsNothing() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("", codec.encodeComposite(Map.of(LwM2mPath.of(3, 0, 0), Resource.of(0, Value.of("Lightgate"))), ContentCodec.SENML_JSON)
                .payload());
        parts.put("dev1", codec.encodeComposite(Map.of(), ContentCodec.SENML_JSON).payload());
        assertEquals("[{\"n\":\"/3/0/0\",\"vs\":\"Lightgate\"}]", utf8(PrefixRenamer.merge(ContentCodec.SENML_JSON, parts)));
    }

    @Test
    public void aReadThroughAPrefixInSenmlNamesItsRecordsUnderIt() {
        Encoded read = codec.encodeRead(LwM2mPath.of(3303, 0), InstanceContent.of(0, List.of(Resource.of(5700, Value.of(21.5)),
                Resource.of(5701, Value.of("Cel")))), ContentCodec.SENML_JSON);
        assertEquals("[{\"n\":\"/dev1/3303/0/5700\",\"v\":21.5},{\"n\":\"/dev1/3303/0/5701\",\"vs\":\"Cel\"}]",
                utf8(PrefixRenamer.prefixed(ContentCodec.SENML_JSON, read.payload(), "dev1")));
    }

    @Test
    public void aReadThroughAPrefixInLwm2mJsonHasItsBaseNameUnderIt() {
        Encoded read = codec.encodeRead(LwM2mPath.of(3303, 0), InstanceContent.of(0, List.of(Resource.of(5700, Value.of(21.5)))),
                ContentCodec.LWM2M_JSON);
        String before = utf8(read.payload());
        String after = utf8(PrefixRenamer.prefixed(ContentCodec.LWM2M_JSON, read.payload(), "dev1"));
        assertEquals(before.replace("\"bn\":\"/3303/0/\"", "\"bn\":\"/dev1/3303/0/\""), after);
        assertEquals(after, utf8(codec.prefixed(read, "dev1").payload()));
    }

    @Test
    public void formatsWithoutNamesAndTheOwnPrefixAreLeftAsTheyAre() {
        byte[] text = "21.5".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, PrefixRenamer.prefixed(ContentCodec.TEXT, text, "dev1"));
        byte[] senml = "[{\"bn\":\"/3/0/0\",\"vs\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(senml, PrefixRenamer.prefixed(ContentCodec.SENML_JSON, senml, ""));
    }
}
