/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import static io.lightgate.lwm2m.transport.TransportTestSupport.WAIT_SECONDS;
import static io.lightgate.lwm2m.transport.TransportTestSupport.anyPort;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.NetworkTraffic;
import io.lightgate.lwm2m.transport.TransportTestSupport.RecordingCallback;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What {@link NioUdpConnector} sockets report to a {@link TrafficMeter}: real datagrams on loopback. */
public class TrafficMeterTest {

    private ScheduledExecutorService pool;
    private UdpSelector selector;

    @Before
    public void setUp() {
        pool = TransportTestSupport.pool(2);
        selector = new UdpSelector();
    }

    @After
    public void tearDown() {
        selector.close();
        pool.shutdownNow();
    }

    @Test
    public void countsEachDatagramWithItsUdpAndIpHeaders() throws Exception {
        TrafficMeter meter = new TrafficMeter();
        List<String> told = new CopyOnWriteArrayList<>();
        NetworkTraffic.Subscription subscription = meter.subscribe(new NetworkTraffic.PacketListener() {
            @Override
            public void sent(int ipBytes) {
                told.add("sent " + ipBytes);
            }

            @Override
            public void received(int ipBytes) {
                told.add("received " + ipBytes);
            }
        });
        BlockingQueue<RawData> inbox = new LinkedBlockingQueue<>();
        NioUdpConnector a = new NioUdpConnector(anyPort(), selector, pool, meter);
        NioUdpConnector b = new NioUdpConnector(anyPort(), selector, pool, meter);
        b.setRawDataReceiver(inbox::add);
        a.start();
        b.start();

        RecordingCallback callback = new RecordingCallback();
        a.send(RawData.outbound(new byte[100], new UdpEndpointContext(b.getAddress()), callback, false));
        assertTrue(callback.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNotNull(inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS));

        // 100 bytes of payload + 8 (UDP) + 20 (IPv4) each way, as IPv4 loopback carried them
        assertEquals(new NetworkTraffic.Totals(1, 128, 1, 128), meter.totals());
        // the receiving socket may tell before the sending one has heard of its completion
        assertEquals(List.of("received 128", "sent 128"), told.stream().sorted().toList());

        subscription.close();
        subscription.close();
        RecordingCallback again = new RecordingCallback();
        a.send(RawData.outbound(new byte[10], new UdpEndpointContext(b.getAddress()), again, false));
        assertTrue(again.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNotNull(inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(new NetworkTraffic.Totals(2, 166, 2, 166), meter.totals());
        assertEquals("a closed subscription hears nothing more", 2, told.size());
        a.destroy();
        b.destroy();
    }

    @Test
    public void ipv6PacketsCarryTheLargerHeader() throws Exception {
        assertEquals(10 + 8 + 40, TrafficMeter.ipSize(10, InetAddress.getByName("::1")));
        assertEquals(10 + 8 + 20, TrafficMeter.ipSize(10, InetAddress.getByName("127.0.0.1")));
    }

    @Test
    public void aFailingListenerDoesNotStopTheCounting() {
        TrafficMeter meter = new TrafficMeter();
        meter.subscribe(new NetworkTraffic.PacketListener() {
            @Override
            public void sent(int ipBytes) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void received(int ipBytes) {
                throw new IllegalStateException("listener bug");
            }
        });
        meter.sent(1, InetAddress.getLoopbackAddress());
        meter.received(1, InetAddress.getLoopbackAddress());
        assertEquals(new NetworkTraffic.Totals(1, 29, 1, 29), meter.totals());
    }
}
