/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import static io.lightgate.lwm2m.transport.TransportTestSupport.anyPort;
import static io.lightgate.lwm2m.transport.TransportTestSupport.canBind;
import static io.lightgate.lwm2m.transport.TransportTestSupport.configuration;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Two Californium endpoints talking CoAP over {@link NioUdpConnector}s on one {@link UdpSelector}. */
public class NioUdpConnectorCoapTest {

    private static final byte[] BIG = new byte[50 * 1024];

    static {
        new Random(42).nextBytes(BIG);
    }

    private ScheduledExecutorService pool;
    private UdpSelector selector;
    private CoapServer server;
    private CoapEndpoint serverEndpoint;
    private CoapEndpoint client;

    @Before
    public void setUp() throws Exception {
        pool = TransportTestSupport.pool(4);
        selector = new UdpSelector();
        Configuration config = configuration();
        serverEndpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new NioUdpConnector(anyPort(), selector, pool)).build();
        server = new CoapServer(config);
        server.setExecutors(pool, pool, true);
        server.addEndpoint(serverEndpoint);
        server.add(new CoapResource("hello") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond("hello");
            }
        }, new CoapResource("big") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, BIG);
            }

            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.CHANGED, exchange.getRequestPayload());
            }
        });
        server.start();
        client = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new NioUdpConnector(anyPort(), selector, pool)).build();
        client.setExecutors(pool, pool);
        client.start();
    }

    @After
    public void tearDown() {
        if (client != null) {
            client.destroy();
        }
        if (server != null) {
            server.destroy();
        }
        selector.close();
        pool.shutdownNow();
    }

    private String uri(String path) {
        return "coap://127.0.0.1:" + serverEndpoint.getAddress().getPort() + "/" + path;
    }

    private Response exchange(Request request) throws InterruptedException {
        client.sendRequest(request);
        Response response = request.waitForResponse(TransportTestSupport.WAIT_SECONDS * 1000);
        assertNotNull("no response to " + request.getURI(), response);
        return response;
    }

    @Test
    public void getAndResponse() throws Exception {
        assertTrue(serverEndpoint.getAddress().getPort() > 0);
        Request get = Request.newGet();
        get.setURI(uri("hello"));
        Response response = exchange(get);
        assertEquals(ResponseCode.CONTENT, response.getCode());
        assertEquals("hello", response.getPayloadString());
        assertEquals(serverEndpoint.getAddress().getPort(), response.getSourceContext().getPeerAddress().getPort());
    }

    @Test
    public void blockwiseTransferOf50kBothWays() throws Exception {
        Request get = Request.newGet();
        get.setURI(uri("big"));
        Response response = exchange(get);
        assertEquals(ResponseCode.CONTENT, response.getCode());
        assertArrayEquals(BIG, response.getPayload());

        Request post = Request.newPost();
        post.setURI(uri("big"));
        post.setPayload(BIG);
        response = exchange(post);
        assertEquals(ResponseCode.CHANGED, response.getCode());
        assertArrayEquals(BIG, response.getPayload());
    }

    @Test
    public void destroyingTheServerFreesItsPort() throws Exception {
        int port = serverEndpoint.getAddress().getPort();
        assertFalse(canBind(port));
        server.destroy();
        server = null;
        assertTrue(canBind(port));
    }
}
