/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread ({@value #THREAD_NAME}) and one {@link Selector} serving the non-blocking UDP sockets
 * of any number of connectors; one per engine, shared by all its endpoints.
 * <p>
 * <b>Receiving.</b> The thread reads each readable socket (at most 32
 * datagrams per turn, so a busy socket cannot starve the others) into one reusable direct buffer,
 * copies every datagram and hands it to the socket's {@link Handler} on the executor given at
 * registration: a slow handler never stalls the selector.
 * <p>
 * <b>Datagram size.</b> Datagrams larger than {@code maxDatagramSize} (default {@value
 * #DEFAULT_MAX_DATAGRAM_SIZE}, like Californium's {@code UDP_DATAGRAM_SIZE}) are dropped, as
 * {@code UDPConnector} drops them: the buffer has one spare byte to detect truncation. CoAP
 * keeps datagrams small (blockwise transfer, {@code MAX_MESSAGE_SIZE} 1024 by default), so
 * 2048 leaves room; raise it only if peers send larger unfragmented messages.
 * <p>
 * <b>Sending.</b> {@link #send} may be called on any thread and sends at once (non-blocking).
 * When the socket buffer is full, the datagram waits in the socket's bounded queue (default
 * {@value #DEFAULT_SEND_QUEUE_CAPACITY} datagrams) and the thread sends it once the socket is
 * writable; when the queue is full the datagram is dropped with a warning (UDP is lossy, CoAP
 * retransmits confirmable messages).
 * <p>
 * The thread waits in {@code select} (woken up for registrations, deregistrations and closing,
 * and at least once a second) and never spins: write interest is
 * only set while datagrams wait.
 */
public final class UdpSelector implements AutoCloseable {

    /** Largest UDP payload accepted by default, in bytes. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 2048;
    /** Datagrams that may wait per socket by default when its buffer is full. */
    public static final int DEFAULT_SEND_QUEUE_CAPACITY = 1024;
    /** Name of the selector thread. */
    public static final String THREAD_NAME = "lightgate-udp-selector";

    private static final Logger LOG = LoggerFactory.getLogger(UdpSelector.class);
    private static final long SELECT_TIMEOUT_MILLIS = 1000;
    private static final long DEREGISTER_TIMEOUT_MILLIS = 5000;
    private static final int MAX_UDP_PAYLOAD = 65507;

    /** Receives the datagrams of one socket, on the executor given at its registration. */
    @FunctionalInterface
    public interface Handler {

        /**
         * One datagram arrived.
         *
         * @param datagram its bytes (a copy the handler owns)
         * @param source the sender's address
         * @param receiveNanos {@link ClockUtil#nanoRealtime()} when it was read
         */
        void received(byte[] datagram, InetSocketAddress source, long receiveNanos);
    }

    /**
     * The outcome of one datagram given to {@link #send}: reported on the sending thread when
     * known at once, otherwise on the socket's executor.
     */
    public interface SendCallback {

        /** The socket took the datagram. */
        void sent();

        /** The datagram was not sent (socket closed, send error, or queue full). */
        void failed(Exception error);
    }

    private record Registration(DatagramChannel channel, Executor executor, Handler handler, boolean handsOff, SendQueue queue) {
    }

    private final Selector selector;
    private final DatagramReader reader;
    private final int maxDatagramSize;
    private final int sendQueueCapacity;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** A selector with the default datagram size and send queue capacity; starts its thread. */
    public UdpSelector() {
        this(DEFAULT_MAX_DATAGRAM_SIZE, DEFAULT_SEND_QUEUE_CAPACITY);
    }

    /**
     * Opens the selector and starts its thread.
     *
     * @param maxDatagramSize largest datagram accepted, in bytes (1 to 65507)
     * @param sendQueueCapacity datagrams that may wait per socket when its buffer is full
     * @throws UncheckedIOException if no selector can be opened
     */
    public UdpSelector(int maxDatagramSize, int sendQueueCapacity) {
        if (maxDatagramSize < 1 || maxDatagramSize > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("maxDatagramSize must be 1.." + MAX_UDP_PAYLOAD + ": " + maxDatagramSize);
        }
        if (sendQueueCapacity < 1) {
            throw new IllegalArgumentException("sendQueueCapacity must be positive: " + sendQueueCapacity);
        }
        this.maxDatagramSize = maxDatagramSize;
        this.sendQueueCapacity = sendQueueCapacity;
        this.reader = new DatagramReader(maxDatagramSize);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** The largest datagram accepted, in bytes. */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** Whether the thread still serves sockets. */
    public boolean isOpen() {
        return running && selector.isOpen();
    }

    /**
     * Starts serving a bound, non-blocking channel.
     *
     * @param channel the socket
     * @param executor runs the handler and the callbacks of queued datagrams
     * @param handler receives the socket's datagrams
     * @throws IOException if the channel is closed or this selector is closed
     */
    public void register(DatagramChannel channel, Executor executor, Handler handler) throws IOException {
        register(channel, executor, handler, false);
    }

    /**
     * Like {@link #register}, for a handler that only hands each datagram on to an executor of its
     * own (Californium's {@code CoapEndpoint} does): it runs on the selector thread, which saves a
     * thread hop per datagram. Such a handler must never block.
     */
    public void registerHandingOff(DatagramChannel channel, Executor executor, Handler handler) throws IOException {
        register(channel, executor, handler, true);
    }

    private void register(DatagramChannel channel, Executor executor, Handler handler, boolean handsOff) throws IOException {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(handler, "handler");
        if (!running) {
            throw new IOException("UDP selector is closed");
        }
        try {
            // JDK 11+: register does not block while the thread is in select; no event before attach
            SelectionKey key = channel.register(selector, 0);
            key.attach(new Registration(channel, executor, handler, handsOff,
                    new SendQueue(link(channel, key), sendQueueCapacity, executor)));
            key.interestOps(SelectionKey.OP_READ);
        } catch (ClosedSelectorException e) {
            throw new IOException("UDP selector is closed", e);
        }
        selector.wakeup();
    }

    /**
     * Stops serving a channel and fails its queued datagrams; waits (bounded) until the selector
     * released it, so closing the channel afterwards frees the port at once. Does not close it.
     */
    public void deregister(DatagramChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            return;
        }
        if (Thread.currentThread() == thread) {
            cancel(key, false);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                cancel(key, true);
            } finally {
                done.complete(null);
            }
        });
        selector.wakeup();
        if (!thread.isAlive()) {
            runTasks();
        }
        try {
            done.get(DEREGISTER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            key.cancel();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("UDP selector did not release {} in time", channel);
            key.cancel();
        }
    }

    /**
     * Sends a datagram from a registered channel, from any thread; never blocks.
     *
     * @param channel the registered socket
     * @param datagram the bytes to send (position to limit); not to be changed afterwards
     * @param target the destination
     * @param callback learns the outcome
     */
    public void send(DatagramChannel channel, ByteBuffer datagram, InetSocketAddress target, SendCallback callback) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.attachment() instanceof Registration r) {
            r.queue().send(datagram, target, callback);
        } else {
            callback.failed(new ClosedChannelException());
        }
    }

    /** Stops the thread (bounded wait), fails queued datagrams and closes the selector. */
    @Override
    public void close() {
        running = false;
        if (selector.isOpen()) {
            selector.wakeup();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(DEREGISTER_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The selector thread, for tests. */
    Thread thread() {
        return thread;
    }

    private void run() {
        LOG.debug("UDP selector started");
        try {
            while (running) {
                runTasks();
                selector.select(this::ready, SELECT_TIMEOUT_MILLIS);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("UDP selector failed; its sockets no longer receive", e);
        } finally {
            running = false;
            shutdown();
        }
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null;) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("UDP selector task failed", e);
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!(key.attachment() instanceof Registration r)) {
            return;
        }
        try {
            if (key.isReadable()) {
                reader.read(r.channel(), r.handsOff() ? Runnable::run : r.executor(), r.handler());
            }
            if (key.isValid() && key.isWritable()) {
                r.queue().flush();
            }
        } catch (CancelledKeyException e) {
            // deregistered meanwhile
        } catch (RuntimeException e) {
            LOG.warn("UDP selector failed to serve {}", r.channel(), e);
        }
    }

    /** Cancels a key; if allowed (not inside a select), flushes it from the selector at once. */
    private void cancel(SelectionKey key, boolean flush) {
        key.cancel();
        if (flush) {
            try {
                selector.selectNow(this::ready);
            } catch (IOException | ClosedSelectorException e) {
                LOG.debug("UDP selector flush failed", e);
            }
        }
        if (key.attachment() instanceof Registration r) {
            r.queue().close(new InterruptedIOException("Connector is not running."));
        }
    }

    private void shutdown() {
        runTasks();
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Registration r) {
                    r.queue().close(new InterruptedIOException("UDP selector closed"));
                }
            }
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            LOG.debug("Closing the UDP selector failed", e);
        }
        LOG.debug("UDP selector stopped");
    }

    private SendQueue.Link link(DatagramChannel channel, SelectionKey key) {
        return new SendQueue.Link() {
            @Override
            public int send(ByteBuffer datagram, InetSocketAddress target) throws IOException {
                return channel.send(datagram, target);
            }

            @Override
            public void writeInterest(boolean on) {
                try {
                    if (on) {
                        key.interestOpsOr(SelectionKey.OP_WRITE);
                        selector.wakeup();
                    } else {
                        key.interestOpsAnd(~SelectionKey.OP_WRITE);
                    }
                } catch (CancelledKeyException e) {
                    // deregistered: the queue is failed by deregister
                }
            }
        };
    }
}
