/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing side of one non-blocking UDP socket: sends at once when the socket takes the
 * datagram, otherwise queues it (bounded) until the selector reports the socket writable.
 * <p>
 * {@link #send} runs on any thread, {@link #flush} on the selector thread; both under this
 * object's lock, so a datagram never overtakes a queued one and the write interest is never
 * cleared while something waits. Outcomes known at once are reported on the sending thread,
 * outcomes of queued datagrams on the callback executor.
 */
final class SendQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SendQueue.class);

    /** The socket as the queue sees it. */
    interface Link {

        /** Non-blocking send: the datagram's size, or 0 when the socket buffer is full. */
        int send(ByteBuffer datagram, InetSocketAddress target) throws IOException;

        /** Asks the selector to report (or no longer report) that the socket is writable. */
        void writeInterest(boolean on);
    }

    private record Pending(ByteBuffer datagram, InetSocketAddress target, UdpSelector.SendCallback callback) {
    }

    private final Link link;
    private final int capacity;
    private final Executor callbacks;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean closed;
    private boolean overflowing;

    SendQueue(Link link, int capacity, Executor callbacks) {
        this.link = link;
        this.capacity = capacity;
        this.callbacks = callbacks;
    }

    /** Sends now if the socket takes it and nothing waits before it, else queues it. */
    void send(ByteBuffer datagram, InetSocketAddress target, UdpSelector.SendCallback callback) {
        Exception error = null;
        boolean sent = false;
        boolean warn = false;
        synchronized (this) {
            if (closed) {
                error = new ClosedChannelException();
            } else if (queue.isEmpty()) {
                try {
                    sent = trySend(datagram, target);
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
            }
            if (!sent && error == null) {
                if (queue.size() >= capacity) {
                    error = new IOException("UDP send queue full (" + capacity + " datagrams), datagram to " + target + " dropped");
                    warn = !overflowing;
                    overflowing = true;
                } else {
                    queue.add(new Pending(datagram, target, callback));
                    if (queue.size() == 1) {
                        link.writeInterest(true);
                    }
                }
            }
        }
        if (warn) {
            LOG.warn("{}; dropping until the socket drains (CoAP retransmits)", error.getMessage());
        }
        if (sent) {
            safely(callback::sent);
        } else if (error != null) {
            Exception failure = error;
            safely(() -> callback.failed(failure));
        }
    }

    /** Sends queued datagrams while the socket takes them; clears the write interest when empty. */
    void flush() {
        List<Runnable> outcomes = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty()) {
                Pending p = queue.peek();
                try {
                    if (!trySend(p.datagram(), p.target())) {
                        break;
                    }
                    outcomes.add(p.callback()::sent);
                } catch (IOException | RuntimeException e) {
                    outcomes.add(() -> p.callback().failed(e));
                }
                queue.poll();
            }
            if (queue.isEmpty()) {
                overflowing = false;
                link.writeInterest(false);
            }
        }
        report(outcomes);
    }

    /** Refuses further datagrams and fails the queued ones with the given error. */
    void close(Exception error) {
        List<Runnable> outcomes = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Pending p; (p = queue.poll()) != null;) {
                UdpSelector.SendCallback callback = p.callback();
                outcomes.add(() -> callback.failed(error));
            }
        }
        report(outcomes);
    }

    synchronized int size() {
        return queue.size();
    }

    private boolean trySend(ByteBuffer datagram, InetSocketAddress target) throws IOException {
        int size = datagram.remaining();
        return link.send(datagram, target) > 0 || size == 0;
    }

    private void report(List<Runnable> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Runnable all = () -> outcomes.forEach(SendQueue::safely);
        try {
            callbacks.execute(all);
        } catch (RejectedExecutionException e) {
            all.run();
        }
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("UDP send callback failed", e);
        }
    }
}
