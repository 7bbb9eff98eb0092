/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The kill -9 variant's value source, seen from the benchmark: one endpoint ("src-0") of the
 * exported gateway running as a process, whose /4/0/2 the benchmark sets by a datagram to the
 * source bundle in the gateway (io.lightgate.bench.source.UdpSource). The bundle's answers say
 * which values reached the gateway process: here the ledger's "read by the implementation" means
 * "reached the gateway". A value sent while the process is dead is never answered, so it counts
 * as one no implementation could deliver; a value that reached the gateway and never arrived at
 * the server is lost by the engine.
 */
final class SourceFleet implements Fleet {

    private final InetSocketAddress source;
    private final DatagramSocket socket;
    private final Thread receiver;
    private volatile AtomicLongArray reads;

    SourceFleet(int sourcePort) throws IOException {
        this.source = new InetSocketAddress("127.0.0.1", sourcePort);
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver = new Thread(() -> {
            byte[] in = new byte[16];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    socket.receive(p);
                    // the value reached the gateway process: whether it is then read is the engine's business
                    // (after a restart without its observations it reads nothing, and that is a loss of the engine)
                    long received = ByteBuffer.wrap(in).getLong(0);
                    AtomicLongArray r = reads;
                    if (r != null) {
                        r.accumulateAndGet(0, received, Math::max);
                    }
                } catch (IOException e) {
                    // closed, or the gateway is down (port unreachable): nothing answered
                }
            }
        }, "bench-source-acks");
        receiver.setDaemon(true);
        receiver.start();
    }

    @Override
    public String label() {
        return "Lightgate, gateway process killed (kill -9) in the middle of the outage";
    }

    @Override
    public String name(int count, int index) {
        return "src-" + index;
    }

    @Override
    public void start(int count) {
        start(count, new AtomicLongArray(count));
    }

    @Override
    public void start(int count, AtomicLongArray reads) {
        if (count != 1) {
            throw new IllegalArgumentException("the kill -9 variant has one endpoint");
        }
        this.reads = reads;
    }

    @Override
    public void change(int index, long value) {
        byte[] out = ByteBuffer.allocate(8).putLong(value).array();
        try {
            socket.send(new DatagramPacket(out, out.length, source));
        } catch (IOException e) {
            // the gateway is down: the value is lost at the source, as it would be for a real machine
        }
    }

    @Override
    public void stop() {
        socket.close();
    }
}
