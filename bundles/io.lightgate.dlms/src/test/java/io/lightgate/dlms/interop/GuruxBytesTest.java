/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.interop;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import io.lightgate.dlms.protocol.Aarq;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Conformance;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.HdlcFrame;
import io.lightgate.dlms.protocol.HdlcParameters;
import io.lightgate.dlms.protocol.HdlcStream;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsRequest;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.Test;

/** The codec against byte sequences the Gurux client (test-scope peer) produces. */
public class GuruxBytesTest {

    private static byte[] unwrap(byte[] wrapped) {
        assertEquals(1, ((wrapped[0] & 0xFF) << 8) | (wrapped[1] & 0xFF));
        assertEquals(wrapped.length - 8, ((wrapped[6] & 0xFF) << 8) | (wrapped[7] & 0xFF));
        return Arrays.copyOfRange(wrapped, 8, wrapped.length);
    }

    @Test
    public void aarqWithLowLevelSecurity() throws Exception {
        GXDLMSClient gurux = new GXDLMSClient(true, 17, 1, Authentication.LOW, "12345678", InterfaceType.WRAPPER);
        Aarq aarq = Aarq.decode(unwrap(gurux.aarqRequest()[0]));
        assertEquals(io.lightgate.dlms.protocol.Authentication.LOW, aarq.authentication());
        assertArrayEquals("12345678".getBytes(), aarq.secret());
        assertTrue((aarq.conformance() & Conformance.GET) != 0);
        assertEquals(gurux.getMaxReceivePDUSize(), aarq.maxReceivePduSize());
    }

    @Test
    public void getRequestsAreByteIdentical() throws Exception {
        GXDLMSClient gurux = new GXDLMSClient(true, 16, 1, Authentication.NONE, null, InterfaceType.WRAPPER);
        GXDLMSRegister energy = new GXDLMSRegister("1.0.1.8.0.255");
        byte[] theirs = unwrap(gurux.read(energy, 2)[0]);
        AttributeAddress address = new AttributeAddress(3, ObisCode.parse("1.0.1.8.0.255"), 2);
        assertEquals(new XdlmsRequest.Get(theirs[2] & 0xFF, address), XdlmsRequest.decode(theirs));
        assertArrayEquals(theirs, new XdlmsRequest.Get(theirs[2] & 0xFF, address).encode());
    }

    @Test
    public void profileReadByEntry() throws Exception {
        GXDLMSClient gurux = new GXDLMSClient(true, 16, 1, Authentication.NONE, null, InterfaceType.WRAPPER);
        GXDLMSProfileGeneric profile = new GXDLMSProfileGeneric("1.0.99.1.0.255");
        profile.addCaptureObject(new gurux.dlms.objects.GXDLMSClock("0.0.1.0.0.255"), 2, 0);
        profile.addCaptureObject(new GXDLMSRegister("1.0.1.8.0.255"), 2, 0);
        byte[] theirs = unwrap(gurux.readRowsByEntry(profile, 3, 5)[0]);
        XdlmsRequest.Get get = (XdlmsRequest.Get) XdlmsRequest.decode(theirs);
        assertEquals(2, get.attribute().selector());
        DlmsData p = get.attribute().parameters();
        assertEquals(3L, p.items().get(0).asLong());
        assertEquals("Gurux's arguments are first entry and count: to = 3 + 5 - 1", 7L, p.items().get(1).asLong());
    }

    @Test
    public void hdlcSnrmAndIFrames() throws Exception {
        GXDLMSClient gurux = new GXDLMSClient(true, 16, GXDLMSClient.getServerAddress(1, 17), Authentication.NONE, null,
                InterfaceType.HDLC);
        HdlcFrame snrm = new HdlcStream(new ByteArrayInputStream(gurux.snrmRequest())).next();
        assertEquals(HdlcFrame.SNRM, snrm.unnumbered());
        assertEquals(16, snrm.source().upper());
        assertEquals(1, snrm.destination().upper());
        assertEquals(17, snrm.destination().lower());
        HdlcParameters.decode(snrm.info()); // Gurux's parameter field parses (or is empty: the defaults)

        // the AARQ travels in an I-frame behind the LLC header E6 E6 00, with a valid HCS and FCS
        byte[] frame = gurux.aarqRequest()[0];
        HdlcFrame i = new HdlcStream(new ByteArrayInputStream(frame)).next();
        assertTrue(i.isInformation());
        assertFalse(i.segmented());
        byte[] info = i.info();
        assertArrayEquals(HdlcFrame.LLC_REQUEST, Arrays.copyOf(info, 3));
        assertEquals(io.lightgate.dlms.protocol.Authentication.NONE,
                Aarq.decode(Arrays.copyOfRange(info, 3, info.length)).authentication());
        // re-encoding the decoded frame gives Gurux's bytes back
        assertArrayEquals(frame, i.encode());
    }
}
