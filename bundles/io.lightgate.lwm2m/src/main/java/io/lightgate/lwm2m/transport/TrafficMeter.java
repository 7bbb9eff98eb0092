/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import io.lightgate.api.NetworkTraffic;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the packets the engine's sockets send and receive, for every endpoint and transport.
 * The connectors call {@link #sent} and {@link #received} with the datagram size and the peer;
 * the meter adds the UDP and IP headers so that sizes are what the IP layer carried.
 */
public final class TrafficMeter implements NetworkTraffic {

    /** UDP header, RFC 768. */
    static final int UDP_HEADER = 8;
    /** IPv4 header without options, RFC 791. */
    static final int IPV4_HEADER = 20;
    /** IPv6 fixed header, RFC 8200. */
    static final int IPV6_HEADER = 40;

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMeter.class);

    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final CopyOnWriteArrayList<PacketListener> listeners = new CopyOnWriteArrayList<>();

    /** The IP packet size of a UDP datagram of {@code datagramBytes} to or from {@code peer}. */
    static int ipSize(int datagramBytes, InetAddress peer) {
        return datagramBytes + UDP_HEADER + (peer instanceof Inet6Address ? IPV6_HEADER : IPV4_HEADER);
    }

    /** A datagram of {@code datagramBytes} left a socket for {@code peer}. */
    public void sent(int datagramBytes, InetAddress peer) {
        int size = ipSize(datagramBytes, peer);
        packetsSent.increment();
        bytesSent.add(size);
        for (PacketListener l : listeners) {
            try {
                l.sent(size);
            } catch (RuntimeException e) {
                LOG.warn("A traffic listener failed on a sent packet: {}", e.toString());
            }
        }
    }

    /** A datagram of {@code datagramBytes} from {@code peer} reached a socket. */
    public void received(int datagramBytes, InetAddress peer) {
        int size = ipSize(datagramBytes, peer);
        packetsReceived.increment();
        bytesReceived.add(size);
        for (PacketListener l : listeners) {
            try {
                l.received(size);
            } catch (RuntimeException e) {
                LOG.warn("A traffic listener failed on a received packet: {}", e.toString());
            }
        }
    }

    @Override
    public Totals totals() {
        return new Totals(packetsSent.sum(), bytesSent.sum(), packetsReceived.sum(), bytesReceived.sum());
    }

    @Override
    public Subscription subscribe(PacketListener listener) {
        PacketListener l = java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(l);
        return () -> listeners.remove(l);
    }
}
