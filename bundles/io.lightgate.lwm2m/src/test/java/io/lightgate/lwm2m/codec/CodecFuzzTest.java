/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.testing.fuzz.FuzzTarget;
import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Mutated valid payloads into every decoder a server's request reaches: each input decodes or is
 * refused with a 4.xx {@link LwM2mException}; nothing else escapes (no NullPointerException,
 * IndexOutOfBoundsException, StackOverflowError, OutOfMemoryError), and no input hangs.
 * {@code -Dfuzz.inputs=100000} for the soak run (README, "Fuzzing"). Link format, which only the
 * local server decodes, is fuzzed in io.lightgate.server (RegisterLinkParserTest).
 */
public class CodecFuzzTest {

    private static final int INPUTS = Fuzzer.inputs(1_500);
    private static final LwM2mPath INSTANCE = LwM2mPath.of(TestModels.ALL_TYPES, 0);
    private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303, 0, 5700);
    private static final List<byte[]> JSON_TOKENS = Mutator.tokens("{", "}", "[", "]", "\"", ":", ",", "\"bn\":", "\"n\":",
            "\"v\":", "\"vs\":", "\"vb\":", "\"vlo\":", "\"vd\":", "\"t\":", "\"bt\":", "\"e\":", "\"bver\":", "1e400", "-0",
            "null", "true", "/", "/0", "/65535", "\\u0000", "[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":");

    private final ContentCodec codec = new ContentCodec(TestModels.standard());

    /** A 4.xx LwM2mException: the codecs' documented refusal. */
    static boolean clientError(Throwable t) {
        return t instanceof LwM2mException e && e.code().codeClass() == 4;
    }

    private Map<LwM2mPath, Object> samples() {
        Map<LwM2mPath, Object> content = new LinkedHashMap<>();
        content.put(INSTANCE, InstanceContent.of(0, TestModels.allResources()));
        content.put(TEMPERATURE, Resource.of(5700, Value.of(21.5)));
        for (int i = 0; i < TestModels.TYPES.length; i++) {
            content.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, i), TestModels.single(i));
            content.put(LwM2mPath.of(TestModels.ALL_TYPES, 0, 10 + i), TestModels.multiple(i));
        }
        return content;
    }

    /** Valid payloads of one format: every sample the codec can encode in it. */
    private List<byte[]> seeds(int format) {
        List<byte[]> seeds = new ArrayList<>();
        samples().forEach((path, content) -> {
            try {
                seeds.add(codec.encodeRead(path, content, format).payload());
            } catch (LwM2mException e) {
                // this format cannot carry this content (e.g. text and an instance)
            }
        });
        return seeds;
    }

    /** Write on an instance, a resource and a resource instance, and Create: the input picks one. */
    private FuzzTarget writeAndCreate(int format) {
        return input -> {
            switch (Math.floorMod(Arrays.hashCode(input), 5)) {
                case 0 -> codec.decodeWrite(INSTANCE, format, input);
                case 1 -> codec.decodeWrite(LwM2mPath.of(TestModels.ALL_TYPES, 0, Math.floorMod(input.length, 8)), format, input);
                case 2 -> codec.decodeWrite(LwM2mPath.of(TestModels.ALL_TYPES, 0, 10 + Math.floorMod(input.length, 8), 7), format, input);
                case 3 -> codec.decodeWrite(TEMPERATURE, format, input);
                default -> codec.decodeCreate(TestModels.ALL_TYPES, format, input);
            }
        };
    }

    private void fuzz(String name, int format, List<byte[]> dictionary, long seed) throws Exception {
        Fuzzer.run(name, new Mutator(seed, seeds(format), dictionary, 4096), INPUTS, writeAndCreate(format), CodecFuzzTest::clientError)
                .assertNoCrash();
    }

    @Test
    public void tlv() throws Exception {
        fuzz("TLV", ContentCodec.TLV, List.of(), 11542);
    }

    @Test
    public void senmlJson() throws Exception {
        fuzz("SenML JSON", ContentCodec.SENML_JSON, JSON_TOKENS, 110);
    }

    @Test
    public void senmlCbor() throws Exception {
        fuzz("SenML CBOR", ContentCodec.SENML_CBOR, List.of(), 112);
    }

    @Test
    public void lwm2mJson() throws Exception {
        fuzz("LwM2M JSON", ContentCodec.LWM2M_JSON, JSON_TOKENS, 11543);
    }

    @Test
    public void cborTextAndOpaqueSingleValues() throws Exception {
        for (int format : new int[] { ContentCodec.CBOR, ContentCodec.TEXT, ContentCodec.OPAQUE }) {
            fuzz(ContentCodec.formatName(format), format, Mutator.tokens("-", ".", "e", "E", "9999999999999999999999", "NaN"), format);
        }
    }

    /** Read-Composite path lists and Write-Composite records, SenML JSON and CBOR. */
    @Test
    public void composite() throws Exception {
        Map<LwM2mPath, Object> content = samples();
        for (int format : new int[] { ContentCodec.SENML_JSON, ContentCodec.SENML_CBOR }) {
            List<byte[]> seeds = new ArrayList<>();
            seeds.add(codec.encodeComposite(content, format).payload());
            content.forEach((path, c) -> seeds.add(codec.encodeComposite(Map.of(path, c), format).payload()));
            FuzzTarget target = input -> {
                if (input.length % 2 == 0) {
                    codec.decodePaths(format, input);
                } else {
                    codec.decodeComposite(format, input);
                }
            };
            Fuzzer.run("composite " + ContentCodec.formatName(format), new Mutator(format, seeds,
                    format == ContentCodec.SENML_JSON ? JSON_TOKENS : List.of(), 4096), INPUTS, target, CodecFuzzTest::clientError)
                    .assertNoCrash();
        }
    }
}
