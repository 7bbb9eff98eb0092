/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.Test;

public class StrictUdpParserTest {

    @Test
    public void aBlockLargerThanItsBlock1SizeIsAFormatErrorWith400() {
        byte[] datagram = block1Put(16, 40);
        // what Californium does on its own: an IllegalStateException, logged with its stack trace
        assertThrows(IllegalStateException.class, () -> new UdpDataParser().parseMessage(datagram));
        CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class,
                () -> new StrictUdpParser().parseMessage(datagram));
        assertEquals(CoAP.ResponseCode.BAD_REQUEST, e.getErrorCode());
        assertTrue("answered, since it is confirmable", e.isConfirmable());
        assertEquals(0x1234, e.getMid());
        assertEquals(new Token(new byte[] { 7, 7 }), e.getToken());
    }

    @Test
    public void aBlockThatFitsParsesAsBefore() {
        Request parsed = (Request) new StrictUdpParser().parseMessage(block1Put(16, 16));
        assertEquals(16, parsed.getPayloadSize());
        assertEquals(0, parsed.getOptions().getBlock1().getNum());
    }

    @Test
    public void aRequestInAResetOrAnAckIsAFormatErrorThatIsDropped() {
        for (int type : new int[] { 2, 3 }) {
            // version 1, type ACK/RST, token length 1; GET; MID 0x0102; token 0x0A; Uri-Path "3"
            byte[] datagram = { (byte) (0x41 | type << 4), 0x01, 0x01, 0x02, 0x0A, (byte) 0xB1, '3' };
            // what Californium does on its own: a Request of that type, whose response later fails to serialize
            assertEquals(CoAP.Type.valueOf(type), new UdpDataParser().parseMessage(datagram).getType());
            CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class,
                    () -> new StrictUdpParser().parseMessage(datagram));
            assertFalse("not confirmable: dropped, no answer", e.isConfirmable());
        }
    }

    @Test
    public void aBlock1RequestAnnouncingAnEmptyBodyIsAFormatErrorWith400() {
        Request put = Request.newPut();
        put.getOptions().setUriPath("3/0");
        put.getOptions().setBlock1(new BlockOption(0, true, 0));
        put.getOptions().setSize1(0);
        put.setPayload(new byte[16]);
        put.setMID(7);
        put.setToken(new Token(new byte[] { 1 }));
        byte[] datagram = new UdpDataSerializer().getByteArray(put);
        CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class, () -> new StrictUdpParser().parseMessage(datagram));
        assertEquals(CoAP.ResponseCode.BAD_REQUEST, e.getErrorCode());
        put.getOptions().setSize1(64);
        assertEquals("with a size it parses", 64,
                (int) new StrictUdpParser().parseMessage(new UdpDataSerializer().getByteArray(put)).getOptions().getSize1());
    }

    /** A CON PUT /3/0 whose Block1 option says {@code blockSize} (16 or more) and whose payload has {@code payload} bytes. */
    private static byte[] block1Put(int blockSize, int payload) {
        Request put = Request.newPut();
        put.getOptions().setUriPath("3/0");
        put.getOptions().setBlock1(new BlockOption(BlockOption.size2Szx(blockSize), true, 0));
        put.setPayload(new byte[blockSize]);
        put.setMID(0x1234);
        put.setToken(new Token(new byte[] { 7, 7 }));
        byte[] valid = new UdpDataSerializer().getByteArray(put);
        // a longer payload than the block size: Californium's serializer refuses to write it, so append
        byte[] datagram = Arrays.copyOf(valid, valid.length + payload - blockSize);
        Arrays.fill(datagram, valid.length, datagram.length, (byte) 'x');
        return datagram;
    }
}
