/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import io.lightgate.api.NetworkTraffic;
import java.util.function.LongSupplier;

/**
 * The collection of Connectivity Statistics (object 7): what the engine's sockets carried
 * between Start and Stop, or until the collection period ended. Start clears the figures and
 * starts collecting; Stop (or the end of the period) freezes them until the next Start.
 */
final class TrafficCollection implements NetworkTraffic.PacketListener {

    /**
     * The figures of a collection.
     *
     * @param bytesSent IP bytes sent
     * @param bytesReceived IP bytes received
     * @param packets packets both ways
     * @param largestPacket the largest packet either way, in bytes
     * @param collecting whether packets are still being counted
     */
    record Figures(long bytesSent, long bytesReceived, long packets, long largestPacket, boolean collecting) {

        /** Resource 2 (Tx Data) and 3 (Rx Data) count kilobytes of 1000 bytes, rounded down. */
        static long kilobytes(long bytes) {
            return bytes / 1000;
        }

        /** Resource 5: the average packet size in bytes, 0 before the first packet. */
        long averagePacket() {
            return packets == 0 ? 0 : Math.round((double) (bytesSent + bytesReceived) / packets);
        }
    }

    private final LongSupplier nanoTime;
    private long bytesSent;
    private long bytesReceived;
    private long packets;
    private long largest;
    private boolean collecting;
    // System.nanoTime() at which the period ends; only read while periodEnds is true
    private long endNanos;
    private boolean periodEnds;

    /** A collection that has not started: every figure 0. */
    TrafficCollection(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Clears the figures and collects, for {@code periodSeconds} (0: until {@link #stop()}). */
    synchronized void start(long periodSeconds) {
        if (periodSeconds < 0) {
            throw new IllegalArgumentException("a collection period is 0 (none) or more seconds, not " + periodSeconds);
        }
        bytesSent = 0;
        bytesReceived = 0;
        packets = 0;
        largest = 0;
        collecting = true;
        periodEnds = periodSeconds > 0;
        endNanos = nanoTime.getAsLong() + periodSeconds * 1_000_000_000L;
    }

    /** Stops collecting; the figures stay. */
    synchronized void stop() {
        collecting = false;
    }

    /** The figures now. */
    synchronized Figures figures() {
        return new Figures(bytesSent, bytesReceived, packets, largest, stillCollecting());
    }

    @Override
    public synchronized void sent(int ipBytes) {
        if (stillCollecting()) {
            bytesSent += ipBytes;
            count(ipBytes);
        }
    }

    @Override
    public synchronized void received(int ipBytes) {
        if (stillCollecting()) {
            bytesReceived += ipBytes;
            count(ipBytes);
        }
    }

    private void count(int ipBytes) {
        packets++;
        largest = Math.max(largest, ipBytes);
    }

    private boolean stillCollecting() {
        if (collecting && periodEnds && nanoTime.getAsLong() - endNanos >= 0) {
            collecting = false;
        }
        return collecting;
    }
}
