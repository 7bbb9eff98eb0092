/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.NetworkTraffic;
import io.lightgate.lwm2m.transport.TrafficMeter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.Test;

/**
 * Two Scandium connectors on loopback, each counting with its own meter: what one sent is what
 * the other received, handshake included, and more than the message it carried.
 */
public class CountingDtlsConnectorTest {

    private static CountingDtlsConnector connector(DtlsConfig.DtlsRole role, TrafficMeter meter) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, role);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        return new CountingDtlsConnector(DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore("counting-test", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
                .build(), meter);
    }

    @Test
    public void countsEveryDatagramOfTheHandshakeAndTheRecords() throws Exception {
        TrafficMeter clientMeter = new TrafficMeter();
        TrafficMeter serverMeter = new TrafficMeter();
        CountingDtlsConnector server = connector(DtlsConfig.DtlsRole.SERVER_ONLY, serverMeter);
        CountingDtlsConnector client = connector(DtlsConfig.DtlsRole.CLIENT_ONLY, clientMeter);
        BlockingQueue<RawData> inbox = new LinkedBlockingQueue<>();
        server.setRawDataReceiver(inbox::add);
        server.start();
        client.start();
        try {
            byte[] message = "a CoAP message inside a DTLS record".getBytes(StandardCharsets.US_ASCII);
            client.send(RawData.outbound(message, new AddressEndpointContext(server.getAddress()), null, false));
            RawData received = inbox.poll(20, TimeUnit.SECONDS);
            assertNotNull("the message crossed the DTLS session", received);
            assertArrayEquals(message, received.getBytes());

            // the last flight may still be on its way: bounded wait until both sides agree
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!agree(clientMeter.totals(), serverMeter.totals()) && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            NetworkTraffic.Totals c = clientMeter.totals();
            NetworkTraffic.Totals s = serverMeter.totals();
            assertTrue("client " + c + " server " + s, agree(c, s));
            // ClientHello, ClientHello with cookie, the client's last flight, the application record at least
            assertTrue("datagrams the client sent: " + c, c.packetsSent() >= 4);
            assertTrue("handshake and record overhead on top of the message: " + c,
                    c.bytesSent() > message.length + c.packetsSent() * 28L);
        } finally {
            client.destroy();
            server.destroy();
        }
    }

    private static boolean agree(NetworkTraffic.Totals client, NetworkTraffic.Totals server) {
        return client.packetsSent() == server.packetsReceived() && client.bytesSent() == server.bytesReceived()
                && server.packetsSent() == client.packetsReceived() && server.bytesSent() == client.bytesReceived();
    }
}
