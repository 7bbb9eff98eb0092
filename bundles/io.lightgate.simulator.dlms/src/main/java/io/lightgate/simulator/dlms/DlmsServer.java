/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.WrapperHeader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DLMS server on TCP serving one {@link SimulatedMeter}: one thread accepts, one thread per
 * connection (at most {@link ServerOptions#maxConnections()}), WRAPPER or HDLC framing. A
 * malformed frame is logged and ends that connection only.
 */
public final class DlmsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DlmsServer.class);

    private final SimulatedMeter meter;
    private final ServerOptions options;
    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final Semaphore slots;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Binds and starts accepting.
     *
     * @param bind the address to listen on
     * @param port the TCP port, 0 for an ephemeral one (see {@link #port()})
     */
    public DlmsServer(SimulatedMeter meter, ServerOptions options, InetAddress bind, int port) throws IOException {
        this.meter = meter;
        this.options = options;
        this.slots = new Semaphore(options.maxConnections());
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(bind, port));
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lightgate-dlms-sim-" + serverSocket.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public SimulatedMeter meter() {
        return meter;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = serverSocket.accept();
                if (!slots.tryAcquire()) {
                    LOG.warn("DLMS simulator on port {}: refusing a connection, {} already open",
                            Integer.toString(port()), options.maxConnections());
                    s.close();
                    continue;
                }
                connections.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("DLMS simulator on port " + port() + " cannot accept connections", e);
                }
                return;
            }
        }
    }

    private void serve(Socket s) {
        ServerSession session = new ServerSession(meter, options.authentication(), options.password(), options.maxPdu());
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (options.transport() == TransportKind.HDLC) {
                new HdlcServerLink(in, out, session, options.logicalAddress(), options.hdlcMaxInfo(), options.maxPdu()).serve();
            } else {
                serveWrapper(in, out, session);
            }
        } catch (EOFException | SocketException e) {
            // the client went away
        } catch (DlmsProtocolException e) {
            LOG.error("DLMS simulator on port {}: malformed request from {}, connection closed: {}",
                    Integer.toString(port()), s.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.warn("DLMS simulator on port " + port() + ": connection failed", e);
            }
        } finally {
            connections.remove(s);
            slots.release();
        }
    }

    private void serveWrapper(InputStream in, OutputStream out, ServerSession session) throws IOException, DlmsProtocolException {
        byte[][] apdu = new byte[1][];
        while (true) {
            WrapperHeader h = WrapperHeader.read(in, options.maxPdu(), apdu);
            if (h.destination() != options.logicalAddress()) {
                throw new DlmsProtocolException("WRAPPER request for logical device " + h.destination() + ", this is "
                        + options.logicalAddress());
            }
            out.write(WrapperHeader.wrap(h.destination(), h.source(), session.handle(apdu[0])));
            out.flush();
        }
    }

    /** Stops accepting, drops every connection (a meter that went silent or was unplugged). */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
