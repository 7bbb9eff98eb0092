/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/** Helpers of the transport tests: loopback addresses, a daemon pool, a recording callback. */
final class TransportTestSupport {

    static final InetAddress LOOPBACK = loopback();
    static final long WAIT_SECONDS = 10;

    private TransportTestSupport() {
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** 127.0.0.1 and an ephemeral port. */
    static InetSocketAddress anyPort() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    /** Californium settings without Californium3.properties; large bodies allowed. */
    static Configuration configuration() {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024);
        return config;
    }

    /** A pool of daemon threads, all started at once (so thread counts do not drift later). */
    static ScheduledExecutorService pool(int threads) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "transport-test-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** Whether a fresh socket can bind the port on the loopback address. */
    static boolean canBind(int port) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    /** Records the callbacks a connector makes, in order. */
    static final class RecordingCallback implements MessageCallback {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable error;

        @Override
        public void onConnecting() {
            events.add("connecting");
        }

        @Override
        public void onDtlsRetransmission(int flight) {
            events.add("dtls-retransmission");
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
            events.add("context:" + context.getPeerAddress().getPort());
        }

        @Override
        public void onSent() {
            events.add("sent");
            done.countDown();
        }

        @Override
        public void onError(Throwable e) {
            error = e;
            events.add("error");
            done.countDown();
        }
    }
}
