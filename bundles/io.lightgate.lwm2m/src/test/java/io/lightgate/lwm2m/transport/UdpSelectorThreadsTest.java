/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import static io.lightgate.lwm2m.transport.TransportTestSupport.WAIT_SECONDS;
import static io.lightgate.lwm2m.transport.TransportTestSupport.anyPort;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.junit.Test;

/** Many sockets, one thread: 200 connectors on one {@link UdpSelector}. */
public class UdpSelectorThreadsTest {

    private static final int CONNECTORS = 200;
    /** The selector thread, plus slack for JVM housekeeping threads that may appear meanwhile. */
    private static final int ALLOWED_GROWTH = 3;

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    @Test
    public void twoHundredConnectorsCostOneThread() throws Exception {
        ScheduledExecutorService pool = TransportTestSupport.pool(4);
        int before = liveThreads();
        UdpSelector selector = new UdpSelector();
        List<NioUdpConnector> connectors = new ArrayList<>();
        AtomicIntegerArray received = new AtomicIntegerArray(CONNECTORS);
        CountDownLatch all = new CountDownLatch(CONNECTORS);
        try {
            for (int i = 0; i < CONNECTORS; i++) {
                int index = i;
                NioUdpConnector connector = new NioUdpConnector(anyPort(), selector, pool);
                connector.setRawDataReceiver(raw -> {
                    if (received.incrementAndGet(index) == 1) {
                        all.countDown();
                    }
                });
                connector.start();
                connectors.add(connector);
            }
            // a ring: every connector sends one datagram to the next, so every socket sends and receives
            for (int i = 0; i < CONNECTORS; i++) {
                NioUdpConnector next = connectors.get((i + 1) % CONNECTORS);
                connectors.get(i).send(RawData.outbound(new byte[] {(byte) i}, new UdpEndpointContext(next.getAddress()), null, false));
            }
            assertTrue("not every connector received its datagram", all.await(WAIT_SECONDS, TimeUnit.SECONDS));
            int during = liveThreads();
            System.out.printf("UdpSelectorThreadsTest: live threads before %d, with %d started connectors %d (growth %d)%n",
                    before, CONNECTORS, during, during - before);
            assertTrue("threads grew from " + before + " to " + during, during - before <= ALLOWED_GROWTH);
        } finally {
            connectors.forEach(NioUdpConnector::destroy);
            selector.close();
        }
        for (int i = 0; i < CONNECTORS; i++) {
            assertEquals("datagrams received by connector " + i, 1, received.get(i));
        }
        int after = liveThreads();
        System.out.printf("UdpSelectorThreadsTest: live threads after destroying them and closing the selector %d%n", after);
        assertTrue("threads left behind: " + before + " -> " + after, after - before <= ALLOWED_GROWTH - 1);
        pool.shutdownNow();
    }
}
