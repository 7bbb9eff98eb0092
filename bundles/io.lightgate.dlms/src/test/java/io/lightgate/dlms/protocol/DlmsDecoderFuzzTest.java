/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import static io.lightgate.dlms.protocol.AxdrTest.hex;

import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Mutated valid meter answers into the DLMS client's decoders (HDLC frames and parameters,
 * wrapper headers, AARE, xDLMS responses, A-XDR data, COSEM date-time, scaler-unit): each decodes
 * or is refused with a {@link DlmsProtocolException} (an {@link IOException} where a stream ends),
 * nothing else. {@code -Dfuzz.inputs=100000} for the soak run (README, "Fuzzing").
 */
public class DlmsDecoderFuzzTest {

    private static final int INPUTS = Fuzzer.inputs(3_000);

    private static boolean refused(Throwable t) {
        return t instanceof DlmsProtocolException || t instanceof IOException;
    }

    private static List<byte[]> seeds(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(hex(h));
        }
        return out;
    }

    @Test
    public void apdus() throws Exception {
        Mutator inputs = new Mutator(0xC4, seeds("61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00"
                + " BE 10 04 0E 08 00 06 5F 1F 04 00 00 50 1F 01 F4 00 07", "C4 01 C1 00 06 00 00 04 D2", "C4 01 C1 01 04",
                "C4 02 C1 00 00000001 00 03 010203", "C4 03 C1 02 00 12 08FD 01 04", "C5 01 C1 00", "C7 01 C1 00 00", "63 03 80 01 00",
                "C4 01 C1 00 01 02 02 02 0F FE 16 1E 12 00 05"), List.of(), 2048);
        Fuzzer.run("DLMS AARE / xDLMS response", inputs, INPUTS, input -> {
            if (input.length > 0 && (input[0] & 0xFF) == Aare.TAG) {
                Aare.decode(input);
            } else {
                XdlmsResponse.decode(input);
            }
        }, DlmsDecoderFuzzTest::refused).assertNoCrash();
    }

    @Test
    public void axdrData() throws Exception {
        Mutator inputs = new Mutator(0x13, seeds("13 06 0C 00000001 00000002 00000003", "13 02 02 06 12 0C 0000000A 0001 0000000B 0002",
                "13 09 05 02AABB 01CC", "19 07E60101060A1E0000FF8880", "1A 07E6010106", "1B 0A1E0000", "04 03 A0",
                "02 02 0F FE 16 1E", "01 02 02 02 09 06 0100010800FF 11 02 06 00000064", "0A 05 68656C6C6F", "17 3F800000",
                "18 3FF0000000000000", "14 0000000000000001", "15 FFFFFFFFFFFFFFFF", "10 FF85", "03 01", "00"), List.of(), 2048);
        Fuzzer.run("DLMS A-XDR", inputs, INPUTS, input -> {
            DlmsData data = Axdr.decode(input);
            if (data instanceof DlmsData.Octets) {
                CosemDateTime.decode(data);
            } else {
                ScalerUnit.of(data);
            }
        }, DlmsDecoderFuzzTest::refused).assertNoCrash();
    }

    @Test
    public void hdlcFramesAndStreams() throws Exception {
        byte[] snrm = new HdlcFrame(HdlcAddress.client(1), HdlcAddress.client(16), HdlcFrame.SNRM, false, null).encode();
        byte[] info = new HdlcFrame(HdlcAddress.server(1, 0x3FF, 4), HdlcAddress.client(16), HdlcFrame.iControl(3, 5), true,
                hex("E6E700C401C1000600000064")).encode();
        byte[] ua = new HdlcFrame(HdlcAddress.client(16), HdlcAddress.client(1), HdlcFrame.UA, false,
                new HdlcParameters(512, 256, 1, 1).encode()).encode();
        byte[] params = new HdlcParameters(512, 256, 1, 1).encode();
        Mutator inputs = new Mutator(0x7E, List.of(snrm, info, ua, params), List.of(new byte[] { 0x7E }, new byte[] { 0x7E, 0x7E }), 4096);
        Fuzzer.run("DLMS HDLC", inputs, INPUTS, input -> {
            if (input.length > 0 && (input[0] & 0xFF) == 0x81) {
                HdlcParameters.decode(input);
                return;
            }
            HdlcStream stream = new HdlcStream(new ByteArrayInputStream(input));
            for (int i = 0; i < 4; i++) {
                HdlcFrame frame = stream.next();
                byte[] payload = frame.info();
                if (payload.length > 0 && (payload[0] & 0xFF) == 0x81) {
                    HdlcParameters.decode(payload);
                }
            }
        }, DlmsDecoderFuzzTest::refused).assertNoCrash();
    }

    @Test
    public void wrapperHeaders() throws Exception {
        Mutator inputs = new Mutator(0x01, List.of(WrapperHeader.wrap(1, 16, hex("C4 01 C1 00 06 00 00 04 D2")),
                WrapperHeader.wrap(16, 1, hex("63 03 80 01 00"))), List.of(), 2048);
        Fuzzer.run("DLMS wrapper", inputs, INPUTS, input -> {
            byte[][] apdu = new byte[1][];
            WrapperHeader.read(new ByteArrayInputStream(input), 1024, apdu);
            XdlmsResponse.decode(apdu[0]);
        }, DlmsDecoderFuzzTest::refused).assertNoCrash();
    }
}
