/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the selector thread: one reusable direct buffer (one spare byte to detect
 * datagrams above the limit, which are dropped as {@code UDPConnector} drops truncated ones), a
 * copy of each datagram, and its hand-over to the socket's handler on the socket's executor.
 * Used by the selector thread only.
 */
final class DatagramReader {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReader.class);
    /** Datagrams read from one socket per turn, so that a busy socket cannot starve the others. */
    static final int READS_PER_TURN = 32;

    private final ByteBuffer buffer;
    private final int maxDatagramSize;

    DatagramReader(int maxDatagramSize) {
        this.maxDatagramSize = maxDatagramSize;
        this.buffer = ByteBuffer.allocateDirect(maxDatagramSize + 1);
    }

    /** Reads what the socket has (at most {@link #READS_PER_TURN} datagrams) and dispatches it. */
    void read(DatagramChannel channel, Executor executor, UdpSelector.Handler handler) {
        for (int i = 0; i < READS_PER_TURN; i++) {
            buffer.clear();
            SocketAddress source;
            try {
                source = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("UDP receive failed on {}", channel, e);
                return;
            }
            if (source == null) {
                return;
            }
            long receiveNanos = ClockUtil.nanoRealtime();
            buffer.flip();
            if (buffer.remaining() > maxDatagramSize) {
                LOG.debug("Dropped a UDP datagram from {}: larger than {} bytes", source, maxDatagramSize);
                continue;
            }
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            dispatch(executor, handler, datagram, (InetSocketAddress) source, receiveNanos);
        }
    }

    private static void dispatch(Executor executor, UdpSelector.Handler handler, byte[] datagram, InetSocketAddress source,
            long receiveNanos) {
        try {
            executor.execute(() -> {
                try {
                    handler.received(datagram, source, receiveNanos);
                } catch (RuntimeException e) {
                    LOG.warn("UDP receive handler failed on a datagram from {}", source, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a UDP datagram from {}: executor rejected it", source);
        }
    }
}
