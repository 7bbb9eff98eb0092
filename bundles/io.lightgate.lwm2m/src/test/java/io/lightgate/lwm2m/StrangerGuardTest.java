/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.junit.Test;

public class StrangerGuardTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 40000);
    private final StrangerGuard guard = new StrangerGuard(SERVER::equals, "ep");

    @Test
    public void aStrangersBlock1RequestBecomesAPlainRequest() {
        Request put = block1Put(STRANGER);
        guard.receiveRequest(put);
        assertFalse("no Block1 left: the block-wise layer does not collect it", put.getOptions().hasBlock1());
        assertEquals("the block itself stays, for the handler to refuse", 32, put.getPayloadSize());
    }

    @Test
    public void aServersBlock1RequestIsLeftAlone() {
        Request put = block1Put(SERVER);
        guard.receiveRequest(put);
        assertTrue(put.getOptions().hasBlock1());
        assertEquals(0, put.getOptions().getBlock1().getNum());
    }

    @Test
    public void requestsWithoutBlock1AreLeftAlone() {
        Request get = Request.newGet();
        get.getOptions().setUriPath("3/0");
        get.setSourceContext(new AddressEndpointContext(STRANGER));
        guard.receiveRequest(get);
        assertEquals("3/0", get.getOptions().getUriPathString());
    }

    @Test
    public void aStrangersSeparateResponseIsDroppedAndItsPiggybackedOnePasses() {
        Response separate = response(CoAP.Type.CON, STRANGER);
        guard.receiveResponse(separate);
        assertTrue("dropped before the matcher", separate.isCanceled());
        Response piggybacked = response(CoAP.Type.ACK, STRANGER);
        guard.receiveResponse(piggybacked);
        assertFalse(piggybacked.isCanceled());
        Response fromServer = response(CoAP.Type.NON, SERVER);
        guard.receiveResponse(fromServer);
        assertFalse(fromServer.isCanceled());
    }

    private static Response response(CoAP.Type type, InetSocketAddress from) {
        Response r = new Response(CoAP.ResponseCode.CHANGED);
        r.setType(type);
        r.setSourceContext(new AddressEndpointContext(from));
        return r;
    }

    private static Request block1Put(InetSocketAddress from) {
        Request put = Request.newPut();
        put.getOptions().setUriPath("3/0");
        put.getOptions().setBlock1(new BlockOption(1, true, 0));
        put.setPayload(new byte[32]);
        put.setSourceContext(new AddressEndpointContext(from));
        return put;
    }
}
