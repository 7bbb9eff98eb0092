/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

/**
 * What the LwM2M engine sent and received on its sockets (CoAP over UDP and DTLS, every
 * endpoint), for objects that report it such as Connectivity Statistics (7). The engine
 * registers one as an OSGi service; an object bundle references it and never sees a CoAP type.
 *
 * <p>Sizes are IP packet sizes, as object 7 counts them: the datagram with its UDP header
 * (8 bytes) and IP header (20 bytes for IPv4, 40 for IPv6). Retransmissions count again; a
 * DTLS datagram counts with its records' overhead.
 */
public interface NetworkTraffic {

    /** Totals since the engine started. */
    Totals totals();

    /**
     * Tells {@code listener} of every packet from now on, until the returned subscription is
     * closed. The listener is called on the engine's socket threads: it must be quick and must
     * not block; an exception it throws is logged and ignored.
     */
    Subscription subscribe(PacketListener listener);

    /**
     * Packets and bytes since the engine started.
     *
     * @param packetsSent IP packets sent
     * @param bytesSent their size in bytes
     * @param packetsReceived IP packets received (also those the engine then dropped)
     * @param bytesReceived their size in bytes
     */
    record Totals(long packetsSent, long bytesSent, long packetsReceived, long bytesReceived) {

        /** No traffic. */
        public static final Totals NONE = new Totals(0, 0, 0, 0);
    }

    /** Told of each packet, with its IP size in bytes. */
    interface PacketListener {

        /** A packet of {@code ipBytes} left a socket. */
        void sent(int ipBytes);

        /** A packet of {@code ipBytes} reached a socket. */
        void received(int ipBytes);
    }

    /** Ends a {@link #subscribe} registration; closing twice is harmless. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
