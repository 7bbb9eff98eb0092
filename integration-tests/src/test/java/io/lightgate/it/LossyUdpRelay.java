/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A UDP relay on loopback between one client and one server that may drop datagrams: the
 * client talks to {@link #uri}, the server sees the relay's own socket. {@code drop} decides per
 * datagram (direction, payload) whether it is lost. Every datagram passing through is recorded.
 */
final class LossyUdpRelay implements AutoCloseable {

    /** Which way a datagram travels. */
    enum Direction { TO_SERVER, TO_CLIENT }

    /** One datagram seen by the relay, and whether it was dropped. */
    record Datagram(Direction direction, byte[] payload, boolean dropped) {
    }

    private final DatagramSocket clientSide;
    private final DatagramSocket serverSide;
    private final InetSocketAddress server;
    private final BiPredicate<Direction, byte[]> drop;
    private final List<Datagram> seen = new ArrayList<>();
    private volatile InetSocketAddress client;
    private final Thread up;
    private final Thread down;

    LossyUdpRelay(InetSocketAddress server, BiPredicate<Direction, byte[]> drop) throws SocketException {
        this.server = server;
        this.drop = drop;
        clientSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        up = new Thread(() -> pump(clientSide, Direction.TO_SERVER), "relay-up");
        down = new Thread(() -> pump(serverSide, Direction.TO_CLIENT), "relay-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** The relay's address for the client, with the given scheme. */
    URI uri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + clientSide.getLocalPort());
    }

    synchronized List<Datagram> seen() {
        return List.copyOf(seen);
    }

    /** Runs until the socket is closed: each receive blocks, so the loop ends with {@link #close()}. */
    private void pump(DatagramSocket from, Direction direction) {
        byte[] buffer = new byte[65535];
        while (!from.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                from.receive(packet);
                byte[] payload = Arrays.copyOf(packet.getData(), packet.getLength());
                if (direction == Direction.TO_SERVER) {
                    client = (InetSocketAddress) packet.getSocketAddress();
                }
                boolean lost;
                synchronized (this) {
                    lost = drop.test(direction, payload);
                    seen.add(new Datagram(direction, payload, lost));
                }
                InetSocketAddress to = direction == Direction.TO_SERVER ? server : client;
                if (!lost && to != null) {
                    (direction == Direction.TO_SERVER ? serverSide : clientSide).send(new DatagramPacket(payload, payload.length, to));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        clientSide.close();
        serverSide.close();
        up.join(5000);
        down.join(5000);
    }
}
