/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
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
 * An endpoint built as the engine builds its sockets ({@link MessageIdBudget#endpointBuilder})
 * notifies a plain UDP socket on loopback that acknowledges each CON notification only once it
 * was retransmitted: an observe relation lives through more such retransmissions, in all, than
 * MAX_RETRANSMIT, and after each acknowledgement its exchange counts no failed transmission (so
 * the next notification starts with ACK_TIMEOUT, not the last timeout doubled).
 */
public class NotificationReliabilityLayerTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final int MAX_RETRANSMIT = 2;

    private final AtomicInteger changes = new AtomicInteger();
    private volatile Exchange observe;
    private CoapServer server;
    private CoapEndpoint endpoint;
    private CoapResource resource;
    private DatagramSocket peer;

    @Before
    public void setUp() throws IOException {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        config.set(CoapConfig.ACK_TIMEOUT, 200, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.ACK_INIT_RANDOM, 1.0f);
        config.set(CoapConfig.MAX_RETRANSMIT, MAX_RETRANSMIT);
        config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_COUNT, 1);
        MessageIdBudget budget = new MessageIdBudget(1, Duration.ofSeconds(247), Duration.ofSeconds(145));
        endpoint = budget.endpointBuilder(config, "[test]").setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        resource = new CoapResource("value") {
            @Override
            public void handleGET(CoapExchange exchange) {
                observe = exchange.advanced();
                exchange.respond("v" + changes.get());
            }
        };
        resource.setObservable(true);
        resource.setObserveType(CoAP.Type.CON);
        server.add(resource);
        server.start();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout(100);
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
    public void aRelationOutlivesMoreRetransmissionsThanMaxRetransmitWhenEachNotificationIsAcknowledged() throws Exception {
        Request get = Request.newGet();
        get.setMID(0x100);
        get.setToken(new byte[] { 1, 2, 3 });
        get.getOptions().setUriPath("value").setObserve(0);
        get.setDestinationContext(new AddressEndpointContext(endpoint.getAddress()));
        send(new UdpDataSerializer().getByteArray(get));
        Message first = receive();
        assertEquals("observed: " + first, CoAP.Type.ACK, first.getType());
        assertTrue("observed: " + first, ((Response) first).getOptions().hasObserve());
        Request observeRequest = observe.getCurrentRequest();
        List<Integer> failedAfterAck = new ArrayList<>();

        for (int round = 1; round <= 3 * MAX_RETRANSMIT; round++) {
            changes.incrementAndGet();
            resource.changed();
            Message notification = receive();
            assertEquals("round " + round + ": a CON notification " + notification, CoAP.Type.CON, notification.getType());
            // not acknowledged: Californium retransmits it (the same message ID) once its timer fires
            Message retransmission = receive();
            assertNotNull("round " + round + ": the relation's notification is retransmitted, not timed out", retransmission);
            assertEquals("round " + round + ": " + retransmission, notification.getMID(), retransmission.getMID());
            EmptyMessage ack = EmptyMessage.newACK(retransmission);
            ack.setToken(Token.EMPTY);
            ack.setDestinationContext(new AddressEndpointContext(endpoint.getAddress()));
            send(new UdpDataSerializer().getByteArray(ack));
            int r = round;
            await(() -> "round " + r + ": the acknowledgement is processed (current " + observe.getCurrentResponse() + ")",
                    () -> retransmission.getMID() == observe.getCurrentResponse().getMID() && observe.getCurrentResponse().isAcknowledged());
            // read on the exchange's serial executor: after the whole processing of the ACK, which set it acknowledged
            CompletableFuture<Integer> failed = new CompletableFuture<>();
            observe.execute(() -> failed.complete(observe.getFailedTransmissionCount()));
            failedAfterAck.add(failed.get(WITHIN.toSeconds(), TimeUnit.SECONDS));
            assertSame("the exchange still answers the Observe request", observeRequest, observe.getCurrentRequest());
        }
        assertEquals("the relation is still there", 1, resource.getObserverCount());
        // the next CON notification starts afresh: ACK_TIMEOUT, not the last timeout doubled, and all of MAX_RETRANSMIT
        assertEquals("failed transmissions counted after each acknowledgement", Collections.nCopies(3 * MAX_RETRANSMIT, 0), failedAfterAck);
    }

    private static void await(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the pause of a bounded poll
        }
        assertTrue(what.get(), condition.getAsBoolean());
    }

    private void send(byte[] datagram) throws IOException {
        peer.send(new DatagramPacket(datagram, datagram.length, endpoint.getAddress()));
    }

    /** The next datagram from the endpoint, parsed; fails when none comes within {@link #WITHIN}. */
    private Message receive() throws IOException {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                peer.receive(packet);
                return new UdpDataParser().parseMessage(Arrays.copyOf(packet.getData(), packet.getLength()));
            } catch (SocketTimeoutException e) {
                // poll again until the deadline
            }
        }
        throw new AssertionError("nothing from the endpoint within " + WITHIN.toSeconds() + " s (the relation ended?); observers: "
                + resource.getObserverCount());
    }
}
