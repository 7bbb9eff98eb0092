/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import static io.lightgate.lwm2m.transport.TransportTestSupport.LOOPBACK;
import static io.lightgate.lwm2m.transport.TransportTestSupport.WAIT_SECONDS;
import static io.lightgate.lwm2m.transport.TransportTestSupport.anyPort;
import static io.lightgate.lwm2m.transport.TransportTestSupport.canBind;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.lwm2m.transport.TransportTestSupport.RecordingCallback;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.UdpEndpointContextMatcher;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link NioUdpConnector} as a Californium connector: callbacks, lifecycle, limits. */
public class NioUdpConnectorTest {

    private ScheduledExecutorService pool;
    private UdpSelector selector;
    private final BlockingQueue<RawData> inbox = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> receiverThreads = new LinkedBlockingQueue<>();

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

    private NioUdpConnector started(InetSocketAddress bind) throws IOException {
        NioUdpConnector connector = new NioUdpConnector(bind, selector, pool);
        connector.setRawDataReceiver(raw -> {
            receiverThreads.add(Thread.currentThread().getName());
            inbox.add(raw);
        });
        connector.start();
        return connector;
    }

    private static RawData outbound(byte[] bytes, InetSocketAddress to, RecordingCallback callback) {
        return RawData.outbound(bytes, new UdpEndpointContext(to), callback, false);
    }

    @Test
    public void sendsAndReceivesLikeUdpConnector() throws Exception {
        NioUdpConnector a = started(anyPort());
        NioUdpConnector b = started(anyPort());
        assertTrue(a.isRunning());
        assertNotEquals(0, a.getAddress().getPort());
        assertEquals("UDP", a.getProtocol());

        RecordingCallback callback = new RecordingCallback();
        a.send(outbound(new byte[] {1, 2, 3}, b.getAddress(), callback));
        assertTrue(callback.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of("context:" + b.getAddress().getPort(), "sent"), callback.events);

        RawData received = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(received);
        assertArrayEquals(new byte[] {1, 2, 3}, received.getBytes());
        assertEquals(a.getAddress(), received.getInetSocketAddress());
        assertEquals(b.getAddress(), received.getConnectorAddress());
        assertTrue(received.getEndpointContext() instanceof UdpEndpointContext);
        assertFalse(received.isMulticast());
        assertTrue(received.getReceiveNanoTimestamp() != 0);
        // the receiver (a CoapEndpoint in the engine) hands datagrams to its own executor: no hop before it
        assertEquals(UdpSelector.THREAD_NAME, receiverThreads.take());
        a.destroy();
        b.destroy();
    }

    @Test
    public void endpointContextMatcherMayVetoASend() throws Exception {
        NioUdpConnector a = started(anyPort());
        a.setEndpointContextMatcher(new UdpEndpointContextMatcher(true) {
            @Override
            public boolean isToBeSent(EndpointContext messageContext, EndpointContext connectorContext) {
                return false;
            }
        });
        RecordingCallback callback = new RecordingCallback();
        a.send(outbound(new byte[] {1}, new InetSocketAddress(LOOPBACK, 9), callback));
        assertEquals(List.of("error"), callback.events);
        assertTrue(callback.error instanceof EndpointMismatchException);
        a.destroy();
    }

    @Test
    public void refusesDestinationPortZeroAndSendsWhenStopped() throws Exception {
        NioUdpConnector a = started(anyPort());
        RecordingCallback portZero = new RecordingCallback();
        a.send(outbound(new byte[] {1}, new InetSocketAddress(LOOPBACK, 0), portZero));
        assertEquals(List.of("error"), portZero.events);
        a.stop();
        RecordingCallback stopped = new RecordingCallback();
        a.send(outbound(new byte[] {1}, new InetSocketAddress(LOOPBACK, 9), stopped));
        assertEquals(List.of("error"), stopped.events);
        assertTrue(stopped.error instanceof InterruptedIOException);
    }

    @Test
    public void stopAndDestroyFreeThePort() throws Exception {
        NioUdpConnector a = started(anyPort());
        int port = a.getAddress().getPort();
        assertFalse(canBind(port));
        a.stop();
        assertFalse(a.isRunning());
        assertTrue(canBind(port));

        NioUdpConnector again = started(new InetSocketAddress(LOOPBACK, port));
        assertEquals(port, again.getAddress().getPort());
        assertFalse(canBind(port));
        again.destroy();
        assertTrue(canBind(port));
    }

    @Test
    public void restartsAfterStop() throws Exception {
        NioUdpConnector a = started(anyPort());
        NioUdpConnector b = started(anyPort());
        b.stop();
        b.start();
        RecordingCallback callback = new RecordingCallback();
        a.send(outbound(new byte[] {7}, b.getAddress(), callback));
        RawData received = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(received);
        assertArrayEquals(new byte[] {7}, received.getBytes());
        a.destroy();
        b.destroy();
    }

    @Test
    public void dropsDatagramsAboveTheSizeLimit() throws Exception {
        NioUdpConnector b = started(anyPort());
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(anyPort());
            peer.send(ByteBuffer.allocate(UdpSelector.DEFAULT_MAX_DATAGRAM_SIZE + 1), b.getAddress());
            peer.send(ByteBuffer.allocate(UdpSelector.DEFAULT_MAX_DATAGRAM_SIZE), b.getAddress());
            RawData received = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(received);
            // sent first, but dropped: the first to arrive is the one that fits
            assertEquals(UdpSelector.DEFAULT_MAX_DATAGRAM_SIZE, received.getSize());
        }
        b.destroy();
    }

    @Test
    public void drainsBurstsLongerThanOneSelectorTurn() throws Exception {
        NioUdpConnector b = started(anyPort());
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.bind(anyPort());
            for (int i = 0; i < 100; i++) {
                peer.send(ByteBuffer.wrap(new byte[] {(byte) i}), b.getAddress());
            }
            for (int i = 0; i < 100; i++) {
                assertNotNull("datagram " + i, inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
        b.destroy();
    }

    @Test
    public void closedSelectorRefusesConnectors() throws Exception {
        NioUdpConnector a = started(anyPort());
        int port = a.getAddress().getPort();
        selector.close();
        assertFalse(selector.isOpen());
        assertFalse(selector.thread().isAlive());
        RecordingCallback callback = new RecordingCallback();
        a.send(outbound(new byte[] {1}, new InetSocketAddress(LOOPBACK, 9), callback));
        assertEquals(List.of("context:9", "error"), callback.events);
        a.stop();
        assertTrue(canBind(port));
        try {
            started(anyPort());
            throw new AssertionError("started on a closed selector");
        } catch (IOException expected) {
            // refused
        }
    }
}
