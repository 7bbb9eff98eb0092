/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A Californium endpoint built as the engine builds its sockets (its {@link MessageIdStore} and so
 * {@link AnsweredRequests}), answering raw datagrams from a plain UDP socket on loopback, as a
 * server that did not get the answer sends its request again with the same message ID.
 */
public class AnsweredRequestsTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile String value = "one";
    private CoapServer server;
    private MessageIdStore store;
    private CoapEndpoint endpoint;
    private DatagramSocket peer;

    @Before
    public void setUp() throws IOException {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 64);
        // the sweep also trims what was answered since: often, so that the tests need not wait
        config.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 50, TimeUnit.MILLISECONDS);
        MessageIdBudget budget = new MessageIdBudget(1, Duration.ofSeconds(247), Duration.ofSeconds(145));
        TokenGenerator tokens = new RandomTokenGenerator(config);
        store = new MessageIdStore("[test]", config, tokens, budget);
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).setTokenGenerator(tokens).setMessageExchangeStore(store)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new CoapResource("value") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(value + " #" + reads.incrementAndGet());
            }

            @Override
            public void handlePUT(CoapExchange exchange) {
                writes.incrementAndGet();
                value = value + "+" + exchange.getRequestText();
                exchange.respond(CoAP.ResponseCode.CHANGED);
            }
        });
        server.start();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout(200);
    }

    @After
    public void tearDown() {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    public void aDuplicateConReadGetsTheSameAnswerAndIsNotReadAgain() throws IOException {
        byte[] get = datagram(Request.newGet(), 0x1234, "value", null);
        byte[] first = exchange(get);
        awaitTrimmed();
        byte[] again = exchange(get);
        assertArrayEquals("the same piggy-backed ACK, byte for byte", first, again);
        Response response = (Response) new UdpDataParser().parseMessage(again);
        assertEquals(CoAP.Type.ACK, response.getType());
        assertEquals(0x1234, response.getMID());
        assertEquals("one #1", response.getPayloadString());
        assertEquals("the resource was read once", 1, reads.get());

        byte[] next = exchange(datagram(Request.newGet(), 0x1235, "value", null));
        assertEquals("a new message ID is a new request", "one #2", ((Response) new UdpDataParser().parseMessage(next)).getPayloadString());
    }

    @Test
    public void aDuplicateConWriteIsNotAppliedTwice() throws IOException {
        byte[] put = datagram(Request.newPut(), 0x2000, "value", "two");
        byte[] first = exchange(put);
        assertEquals(CoAP.ResponseCode.CHANGED, ((Response) new UdpDataParser().parseMessage(first)).getCode());
        awaitTrimmed();
        assertArrayEquals(first, exchange(put));
        // sent again at once: answered from the whole Exchange or from the answer, whichever the sweep left
        byte[] put2 = datagram(Request.newPut(), 0x2001, "value", "three");
        assertArrayEquals(exchange(put2), exchange(put2));
        assertEquals("two writes applied, not four", 2, writes.get());
        assertEquals("one+two+three", value);
    }

    @Test
    public void aDuplicateNonRequestIsDropped() throws IOException {
        Request non = Request.newGet();
        non.setType(CoAP.Type.NON);
        byte[] get = datagram(non, 0x3000, "value", null);
        byte[] first = exchange(get);
        assertEquals(CoAP.Type.NON, ((Response) new UdpDataParser().parseMessage(first)).getType());
        awaitTrimmed();
        send(get);
        byte[] answer = receive(Duration.ofMillis(600));
        // the NON response may be sent again (Californium does so too); the resource is not read again
        if (answer != null) {
            assertEquals("one #1", ((Response) new UdpDataParser().parseMessage(answer)).getPayloadString());
        }
        assertEquals(1, reads.get());
    }

    @Test
    public void answeredRequestsAreRememberedByTheirAnswerOnly() throws IOException {
        for (int mid = 0; mid < 5; mid++) {
            exchange(datagram(Request.newGet(), 0x4000 + mid, "value", null));
        }
        awaitTrimmed();
        assertEquals("all five remembered", 5, store.answeredRequests().size());
    }

    @Test
    public void aPeerKeepsItsNewestRequestsOnly() {
        AnsweredRequests requests = new AnsweredRequests(Duration.ofSeconds(247).toNanos(), 3, 10_000);
        Object peerA = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        for (int mid = 0; mid < 5; mid++) {
            Request r = Request.newGet();
            r.setMID(mid);
            r.setSourceContext(new AddressEndpointContext((InetSocketAddress) peerA));
            Exchange e = new Exchange(r, peerA,
                    Exchange.Origin.REMOTE, null);
            assertNull(requests.findPrevious(new KeyMID(mid, peerA), e));
        }
        assertEquals(3, requests.size());
        assertNull("the oldest went", requests.find(new KeyMID(0, peerA)));
        assertNotNull(requests.find(new KeyMID(4, peerA)));
    }

    /** Until every answered request keeps only its answer (the next request or sweep trims them). */
    private void awaitTrimmed() {
        AnsweredRequests requests = store.answeredRequests();
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (requests.untrimmed() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the pause of a bounded poll
        }
        assertEquals("every answered request keeps only its answer", 0, requests.untrimmed());
    }

    private byte[] datagram(Request request, int mid, String path, String payload) {
        request.setMID(mid);
        request.setToken(new byte[] { (byte) (mid >> 8), (byte) mid, 7 });
        request.getOptions().setUriPath(path);
        if (payload != null) {
            request.setPayload(payload);
        }
        request.setDestinationContext(new AddressEndpointContext(endpoint.getAddress()));
        return new UdpDataSerializer().getByteArray(request);
    }

    private byte[] exchange(byte[] datagram) throws IOException {
        send(datagram);
        byte[] answer = receive(ANSWER_WITHIN);
        assertNotNull("an answer within " + ANSWER_WITHIN, answer);
        return answer;
    }

    private void send(byte[] datagram) throws IOException {
        peer.send(new DatagramPacket(datagram, datagram.length, endpoint.getAddress()));
    }

    /** The next datagram, or null if none came in time (polled in short slices). */
    private byte[] receive(Duration within) throws IOException {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                peer.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            }
        }
        return null;
    }
}
