/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * Valid CoAP datagrams as an LwM2M server sends them to a client (Read in every format, Observe,
 * Write, Write-Attributes, Execute, Discover, Create, Delete, composite operations, block-wise
 * transfers, a ping), serialized by Californium; CON and NON, tokens of 0 to 8 bytes. The
 * starting points of {@link SocketFuzzIT}'s mutations.
 */
final class CoapSeeds {

    /** One seed: its datagram and where its payload starts (the datagram's length when it has none). */
    record Seed(String what, byte[] datagram, int payloadOffset) {

        byte[] header() {
            // without the payload marker
            return Arrays.copyOf(datagram, payloadOffset == datagram.length ? payloadOffset : payloadOffset - 1);
        }

        byte[] payload() {
            return Arrays.copyOfRange(datagram, payloadOffset, datagram.length);
        }

        boolean hasPayload() {
            return payloadOffset < datagram.length;
        }
    }

    private static final int TLV = MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV;
    private static final int SENML_JSON = MediaTypeRegistry.APPLICATION_SENML_JSON;
    private static final int SENML_CBOR = MediaTypeRegistry.APPLICATION_SENML_CBOR;
    private static final int LWM2M_JSON = MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_JSON;
    private static final int TEXT = MediaTypeRegistry.TEXT_PLAIN;
    private static final int LINK = MediaTypeRegistry.APPLICATION_LINK_FORMAT;

    /** Tokens worth inserting into a datagram: option headers, option values, the payload marker. */
    static final List<byte[]> DATAGRAM_TOKENS = List.of(
            new byte[] { (byte) 0xB1, '3' }, // Uri-Path "3" (delta 11)
            new byte[] { 0x01, '0' }, // next Uri-Path "0"
            new byte[] { 0x02, '1', '3' }, new byte[] { 0x60 }, // Observe 0 (delta 6, length 0)
            new byte[] { 0x61, 0x01 }, new byte[] { (byte) 0xD1, 0x0A, 0x06 }, // Block2 (23) num 0 szx 6
            new byte[] { (byte) 0xD1, 0x0E, 0x08 }, // Block1 (27) num 0 M
            new byte[] { 0x11, 0x2A }, new byte[] { 0x12, 0x2D, 0x16 }, // Content-Format 42, 11542
            new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xD0 }, new byte[] { (byte) 0xE0, 0x00, 0x00 },
            "pmin=".getBytes(StandardCharsets.US_ASCII), "&".getBytes(StandardCharsets.US_ASCII));

    /** Tokens of the payload formats: TLV headers, SenML and LwM2M JSON keys, CBOR heads, Execute arguments. */
    static final List<byte[]> PAYLOAD_TOKENS = concat(
            List.of(new byte[] { (byte) 0xC8 }, new byte[] { 0x08, 0x00 }, new byte[] { (byte) 0x88, 0x07 }, new byte[] { 0x48 },
                    new byte[] { (byte) 0x9F }, new byte[] { (byte) 0xBF }, new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xFB },
                    new byte[] { 0x1B, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF },
                    new byte[] { 0x21 }, new byte[] { 0x62, 'b', 'n' }, new byte[] { (byte) 0xC1 }),
            textTokens());

    private static List<byte[]> textTokens() {
        List<byte[]> out = new ArrayList<>();
        for (String t : new String[] { "\"bn\":", "\"n\":", "\"v\":", "\"vs\":", "\"vb\":", "\"vd\":", "\"vlo\":", "\"bt\":", "\"t\":",
                "\"e\":", "\"bn\":\"/3/0/\"", "{", "}", "[", "]", ",", "\"", "\\u0000", "1e999", "-0", "'", "=", "0='", "65535", "/3/0/" }) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private CoapSeeds() {
    }

    /** The corpus: every seed in CON and in NON, with token lengths 0 to 8. */
    static List<Seed> all() {
        List<Seed> seeds = new ArrayList<>();
        int[] n = { 0 };
        byte[] tlv = encode(deviceInstance(), ContentFormat.TLV, "/3/0");
        byte[] senmlJson = encode(deviceInstance(), ContentFormat.SENML_JSON, "/3/0");
        byte[] senmlCbor = encode(deviceInstance(), ContentFormat.SENML_CBOR, "/3/0");
        byte[] lwm2mJson = encode(deviceInstance(), ContentFormat.JSON, "/3/0");
        byte[] createTlv = encode(new LwM2mObjectInstance(7, LwM2mSingleResource.newStringResource(15, "UTC")), ContentFormat.TLV, "/3");
        byte[] compositeRead = "[{\"n\":\"/3/0/0\"},{\"n\":\"/3/0/13\"},{\"n\":\"/1/0/1\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] compositeWrite = "[{\"n\":\"/3/0/14\",\"vs\":\"+02:00\"},{\"n\":\"/3/0/15\",\"vs\":\"Europe/Paris\"}]"
                .getBytes(StandardCharsets.UTF_8);
        for (CoAP.Type type : new CoAP.Type[] { CoAP.Type.CON, CoAP.Type.NON }) {
            add(seeds, n, "Read TLV", get(type, "3/0", TLV));
            add(seeds, n, "Read SenML JSON", get(type, "3/0", SENML_JSON));
            add(seeds, n, "Read SenML CBOR", get(type, "3/0", SENML_CBOR));
            add(seeds, n, "Read LwM2M JSON", get(type, "3/0", LWM2M_JSON));
            add(seeds, n, "Read text", get(type, "3/0/0", TEXT));
            add(seeds, n, "Read object", get(type, "3", -1));
            add(seeds, n, "Observe", observe(get(type, "3/0/13", SENML_JSON), 0));
            add(seeds, n, "Observe instance", observe(get(type, "3/0", TLV), 0));
            add(seeds, n, "Cancel observe", observe(get(type, "3/0/13", SENML_JSON), 1));
            add(seeds, n, "Discover", get(type, "3/0", LINK));
            add(seeds, n, "Discover object", get(type, "3", LINK));
            add(seeds, n, "Write replace TLV", write(CoAP.Code.PUT, type, "3/0", TLV, tlv));
            add(seeds, n, "Write update SenML JSON", write(CoAP.Code.POST, type, "3/0", SENML_JSON, senmlJson));
            add(seeds, n, "Write update SenML CBOR", write(CoAP.Code.POST, type, "3/0", SENML_CBOR, senmlCbor));
            add(seeds, n, "Write update LwM2M JSON", write(CoAP.Code.POST, type, "3/0", LWM2M_JSON, lwm2mJson));
            add(seeds, n, "Write text", write(CoAP.Code.PUT, type, "3/0/15", TEXT, "Europe/Berlin".getBytes(StandardCharsets.UTF_8)));
            add(seeds, n, "Write-Attributes", query(type, "3/0/13", "pmin=1", "pmax=5", "gt=1.5", "lt=10", "st=2"));
            add(seeds, n, "Write-Attributes instance", query(type, "3/0", "pmin=2&pmax=30"));
            add(seeds, n, "Write-Attributes object", query(type, "3", "epmin=1", "epmax=2"));
            add(seeds, n, "Execute with arguments", write(CoAP.Code.POST, type, "3/0/12", TEXT, "0='reset',1".getBytes(StandardCharsets.UTF_8)));
            add(seeds, n, "Execute", write(CoAP.Code.POST, type, "3/0/4", -1, new byte[0]));
            add(seeds, n, "Create TLV", write(CoAP.Code.POST, type, "3", TLV, createTlv));
            add(seeds, n, "Delete", request(CoAP.Code.DELETE, type, "3/0"));
            add(seeds, n, "Read-Composite", fetch(type, compositeRead));
            add(seeds, n, "Write-Composite", write(CoAP.Code.IPATCH, type, "", SENML_JSON, compositeWrite));
            add(seeds, n, "Block1 first", block1(write(CoAP.Code.PUT, type, "3/0", SENML_JSON, Arrays.copyOf(senmlJson, 64)), 0, true));
            add(seeds, n, "Block1 last", block1(write(CoAP.Code.PUT, type, "3/0", SENML_JSON,
                    Arrays.copyOfRange(senmlJson, 64, senmlJson.length)), 1, false));
            add(seeds, n, "Block2 first", block2(get(type, "3/0", SENML_JSON), 0));
            add(seeds, n, "Block2 next", block2(get(type, "3/0", SENML_JSON), 1));
        }
        // an empty CON: a ping, answered with a Reset
        seeds.add(new Seed("Ping", new byte[] { 0x40, 0x00, 0x00, 0x01 }, 4));
        return seeds;
    }

    private static LwM2mObjectInstance deviceInstance() {
        return new LwM2mObjectInstance(0, LwM2mSingleResource.newStringResource(14, "+01:00"),
                LwM2mSingleResource.newStringResource(15, "Europe/Berlin"));
    }

    private static byte[] encode(LwM2mNode node, ContentFormat format, String path) {
        return new DefaultLwM2mEncoder().encode(node, format, new LwM2mPath(path), new StaticModel(ObjectLoader.loadAllDefault()));
    }

    private static void add(List<Seed> seeds, int[] n, String what, Request r) {
        // token lengths 0..8 in turn, each seed a different one
        int length = n[0]++ % 9;
        byte[] token = new byte[length];
        for (int i = 0; i < length; i++) {
            token[i] = (byte) (0x5A + 17 * i + n[0]);
        }
        r.setToken(new Token(token));
        r.setMID(n[0]);
        byte[] datagram = new UdpDataSerializer().getByteArray(r);
        int payload = r.getPayloadSize();
        seeds.add(new Seed(what + " " + r.getType(), datagram, datagram.length - payload));
    }

    private static Request request(CoAP.Code code, CoAP.Type type, String path) {
        Request r = new Request(code, type);
        if (!path.isEmpty()) {
            r.getOptions().setUriPath(path);
        }
        return r;
    }

    private static Request get(CoAP.Type type, String path, int accept) {
        Request r = request(CoAP.Code.GET, type, path);
        if (accept >= 0) {
            r.getOptions().setAccept(accept);
        }
        return r;
    }

    private static Request observe(Request r, int observe) {
        r.getOptions().setObserve(observe);
        return r;
    }

    private static Request write(CoAP.Code code, CoAP.Type type, String path, int format, byte[] payload) {
        Request r = request(code, type, path);
        if (format >= 0) {
            r.getOptions().setContentFormat(format);
        }
        r.setPayload(payload);
        return r;
    }

    private static Request query(CoAP.Type type, String path, String... queries) {
        Request r = request(CoAP.Code.PUT, type, path);
        for (String q : queries) {
            r.getOptions().addUriQuery(q);
        }
        return r;
    }

    private static Request fetch(CoAP.Type type, byte[] paths) {
        Request r = write(CoAP.Code.FETCH, type, "", SENML_JSON, paths);
        r.getOptions().setAccept(SENML_JSON);
        return r;
    }

    private static Request block1(Request r, int num, boolean more) {
        r.getOptions().setBlock1(new BlockOption(2, more, num)); // szx 2: 64 bytes
        return r;
    }

    private static Request block2(Request r, int num) {
        r.getOptions().setBlock2(new BlockOption(0, false, num)); // szx 0: 16 bytes
        return r;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
