/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The send queue's contract, with a socket that can be made "full" at will (a full socket buffer
 * cannot be provoked reliably on loopback).
 */
public class SendQueueTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5683);

    /** A socket whose buffer is full while {@code full} is set. */
    private static final class FakeLink implements SendQueue.Link {
        final List<String> wire = new ArrayList<>();
        boolean full;
        boolean writeInterest;
        IOException error;

        @Override
        public int send(ByteBuffer datagram, InetSocketAddress target) throws IOException {
            if (error != null) {
                throw error;
            }
            if (full) {
                return 0;
            }
            int size = datagram.remaining();
            byte[] bytes = new byte[size];
            datagram.get(bytes);
            wire.add(new String(bytes, StandardCharsets.US_ASCII));
            return size;
        }

        @Override
        public void writeInterest(boolean on) {
            writeInterest = on;
        }
    }

    /** Records outcomes as "sent:x" / "failed:x". */
    private static final class Outcomes {
        final List<String> log = new ArrayList<>();

        UdpSelector.SendCallback of(String name) {
            return new UdpSelector.SendCallback() {
                @Override
                public void sent() {
                    log.add("sent:" + name);
                }

                @Override
                public void failed(Exception error) {
                    log.add("failed:" + name);
                }
            };
        }
    }

    private final FakeLink link = new FakeLink();
    private final Outcomes outcomes = new Outcomes();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void sendsAtOnceWhenTheSocketTakesIt() {
        SendQueue queue = new SendQueue(link, 4, Runnable::run);
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        assertEquals(List.of("a"), link.wire);
        assertEquals(List.of("sent:a"), outcomes.log);
        assertFalse(link.writeInterest);
    }

    @Test
    public void queuesWhileFullAndFlushesInOrder() {
        SendQueue queue = new SendQueue(link, 4, Runnable::run);
        link.full = true;
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        assertTrue(link.writeInterest);
        link.full = false;
        // the socket has room again, but "b" must not overtake "a"
        queue.send(bytes("b"), PEER, outcomes.of("b"));
        assertEquals(List.of(), link.wire);
        assertEquals(2, queue.size());
        queue.flush();
        assertEquals(List.of("a", "b"), link.wire);
        assertEquals(List.of("sent:a", "sent:b"), outcomes.log);
        assertFalse(link.writeInterest);
    }

    @Test
    public void flushKeepsWriteInterestWhileTheSocketStaysFull() {
        SendQueue queue = new SendQueue(link, 4, Runnable::run);
        link.full = true;
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        queue.flush();
        assertTrue(link.writeInterest);
        assertEquals(1, queue.size());
        assertEquals(List.of(), outcomes.log);
    }

    @Test
    public void dropsWhenTheQueueIsFull() {
        SendQueue queue = new SendQueue(link, 2, Runnable::run);
        link.full = true;
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        queue.send(bytes("b"), PEER, outcomes.of("b"));
        queue.send(bytes("c"), PEER, outcomes.of("c"));
        queue.send(bytes("d"), PEER, outcomes.of("d"));
        assertEquals(List.of("failed:c", "failed:d"), outcomes.log);
        link.full = false;
        queue.flush();
        assertEquals(List.of("a", "b"), link.wire);
    }

    @Test
    public void reportsSendErrors() {
        SendQueue queue = new SendQueue(link, 2, Runnable::run);
        link.error = new IOException("boom");
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        assertEquals(List.of("failed:a"), outcomes.log);
        assertEquals(0, queue.size());
    }

    @Test
    public void closeFailsQueuedAndLaterDatagrams() {
        SendQueue queue = new SendQueue(link, 4, Runnable::run);
        link.full = true;
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        queue.close(new IOException("closed"));
        link.full = false;
        queue.send(bytes("b"), PEER, outcomes.of("b"));
        assertEquals(List.of("failed:a", "failed:b"), outcomes.log);
        assertEquals(List.of(), link.wire);
    }

    @Test
    public void queuedOutcomesGoToTheExecutor() {
        List<Runnable> executed = new ArrayList<>();
        SendQueue queue = new SendQueue(link, 4, executed::add);
        link.full = true;
        queue.send(bytes("a"), PEER, outcomes.of("a"));
        link.full = false;
        queue.flush();
        assertEquals(List.of(), outcomes.log);
        assertEquals(1, executed.size());
        executed.get(0).run();
        assertEquals(List.of("sent:a"), outcomes.log);
    }
}
