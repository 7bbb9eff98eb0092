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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The LwM2M server's address as the engine knows it, in front of a real Leshan server: a UDP
 * relay that forwards the Leshan traffic both ways (one socket towards Leshan per engine
 * endpoint, so Leshan tells the endpoints apart) and injects datagrams from the server's own
 * address. What an endpoint sends that belongs to no Leshan exchange (requests always do; an
 * ACK or Reset must carry a Leshan message ID, a response a Leshan token) is an answer to an
 * injected datagram: it goes to {@link #answers()} and never reaches Leshan. A confirmable or
 * non-confirmable response there (a separate response, a notification) is rejected with a
 * Reset, as a server that does not know the token would, which also ends a fuzzed observation.
 * A second socket, unknown to the engine, injects datagrams from a stranger.
 */
final class FuzzRelay implements AutoCloseable {

    /** A datagram an endpoint sent back to the server's address or to the stranger. */
    record Answer(InetSocketAddress endpoint, boolean toStranger, byte[] datagram) {
        @Override
        public String toString() {
            return (toStranger ? "to the stranger" : "to the server") + " from " + endpoint.getPort() + ": " + HexFormat.of().formatHex(datagram);
        }
    }

    private final DatagramSocket front;
    private final DatagramSocket stranger;
    private final InetSocketAddress leshan;
    private final Map<InetSocketAddress, Towards> towardsLeshan = new ConcurrentHashMap<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Thread frontPump;
    private final Thread strangerPump;

    FuzzRelay(InetSocketAddress leshan) throws SocketException {
        this.leshan = leshan;
        front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        frontPump = daemon("fuzz-relay-front", this::pumpFront);
        strangerPump = daemon("fuzz-relay-stranger", this::pumpStranger);
    }

    /** The server URI to configure in the engine. */
    URI uri() {
        return URI.create("coap://127.0.0.1:" + front.getLocalPort());
    }

    /** The engine endpoint behind the relay socket Leshan sees as the endpoint's address. */
    InetSocketAddress endpointBehind(InetSocketAddress registrationAddress) {
        for (Towards t : towardsLeshan.values()) {
            if (t.socket.getLocalPort() == registrationAddress.getPort()) {
                return t.endpoint;
            }
        }
        throw new IllegalArgumentException("no engine endpoint behind " + registrationAddress);
    }

    /**
     * Whether an injected datagram must not use this message ID towards the endpoint: Leshan used
     * it, or will soon (its next {@code window} IDs). The endpoint keeps a message ID from the
     * server's address for EXCHANGE_LIFETIME to recognise duplicates; a fuzzed datagram with the
     * ID of a later Leshan request would have that request answered with the fuzzed one's answer.
     */
    boolean reservedForLeshan(InetSocketAddress endpoint, int mid, int window) {
        Towards t = towardsLeshan.get(endpoint);
        if (t == null) {
            return false;
        }
        return t.leshanMids.contains(mid) || (t.lastMid >= 0 && ((mid - t.lastMid) & 0xFFFF) < window);
    }

    /** Sends a datagram to an engine endpoint from the server's address, or from the stranger's. */
    void inject(InetSocketAddress endpoint, byte[] datagram, boolean fromStranger) throws IOException {
        (fromStranger ? stranger : front).send(new DatagramPacket(datagram, datagram.length, endpoint));
    }

    BlockingQueue<Answer> answers() {
        return answers;
    }

    private void pumpFront() {
        byte[] buffer = new byte[65535];
        while (!front.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                front.receive(packet);
                byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                Towards t = towardsLeshan.computeIfAbsent(from, Towards::new);
                if (t.belongsToLeshan(datagram)) {
                    t.socket.send(new DatagramPacket(datagram, datagram.length, leshan));
                } else {
                    answers.add(new Answer(from, false, datagram));
                    rejectIfResponse(front, from, datagram);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pumpStranger() {
        byte[] buffer = new byte[65535];
        while (!stranger.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                stranger.receive(packet);
                byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                answers.add(new Answer(from, true, datagram));
                rejectIfResponse(stranger, from, datagram);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** A Reset for a CON or NON response (RFC 7252 4.2, 4.3; RFC 7641 3.6 for notifications). */
    private static void rejectIfResponse(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws IOException {
        if (datagram.length >= 4 && (datagram[0] & 0xC0) == 0x40 && (datagram[0] & 0x30) <= 0x10 && (datagram[1] & 0xFF) >= 64) {
            byte[] reset = { 0x70, 0x00, datagram[2], datagram[3] };
            socket.send(new DatagramPacket(reset, reset.length, to));
        }
    }

    /** One engine endpoint's path to Leshan: its own socket, and what Leshan sent over it. */
    private final class Towards {
        final InetSocketAddress endpoint;
        final DatagramSocket socket;
        final Set<Integer> leshanMids = ConcurrentHashMap.newKeySet();
        final Set<String> leshanTokens = ConcurrentHashMap.newKeySet();
        volatile int lastMid = -1;

        Towards(InetSocketAddress endpoint) {
            this.endpoint = endpoint;
            try {
                socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (SocketException e) {
                throw new IllegalStateException(e);
            }
            daemon("fuzz-relay-" + endpoint.getPort(), this::pump);
        }

        /** Leshan to the endpoint: everything, remembering message IDs and request tokens. */
        private void pump() {
            byte[] buffer = new byte[65535];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
                    if (datagram.length >= 4) {
                        int mid = mid(datagram);
                        leshanMids.add(mid);
                        if (isRequest(datagram)) {
                            lastMid = mid;
                            leshanTokens.add(token(datagram));
                        }
                    }
                    front.send(new DatagramPacket(datagram, datagram.length, endpoint));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** Whether a datagram from the endpoint is part of its traffic with Leshan. */
        boolean belongsToLeshan(byte[] datagram) {
            if (datagram.length < 4 || (datagram[0] & 0xC0) != 0x40) {
                return false;
            }
            if (isRequest(datagram)) {
                return true; // Register, Update, Send, De-register
            }
            int type = (datagram[0] >> 4) & 0x3;
            if (type >= 2 && leshanMids.contains(mid(datagram))) {
                return true; // ACK (empty or piggybacked) or RST of a Leshan message
            }
            return (datagram[1] & 0xFF) != 0 && leshanTokens.contains(token(datagram));
        }

        void close() {
            socket.close();
        }
    }

    private static boolean isRequest(byte[] datagram) {
        int code = datagram[1] & 0xFF;
        return code > 0 && code < 32;
    }

    private static int mid(byte[] datagram) {
        return ((datagram[2] & 0xFF) << 8) | (datagram[3] & 0xFF);
    }

    private static String token(byte[] datagram) {
        int length = Math.min(datagram[0] & 0x0F, Math.max(0, datagram.length - 4));
        return HexFormat.of().formatHex(datagram, 4, 4 + length);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        stranger.close();
        towardsLeshan.values().forEach(Towards::close);
        frontPump.join(TimeUnit.SECONDS.toMillis(5));
        strangerPump.join(TimeUnit.SECONDS.toMillis(5));
    }
}
