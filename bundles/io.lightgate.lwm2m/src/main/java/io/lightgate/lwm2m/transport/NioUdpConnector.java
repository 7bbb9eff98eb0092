/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.eclipse.californium.elements.util.StringUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Californium UDP {@link Connector} on a non-blocking {@link DatagramChannel} served by a shared
 * {@link UdpSelector}: a socket and no thread of its own, unlike {@code UDPConnector} (a receiver
 * and a sender thread per socket). For {@code CoapEndpoint.Builder.setConnector(...)}.
 * <p>
 * Behaves as {@code UDPConnector} towards the endpoint: outgoing messages are checked with the
 * endpoint context matcher against a {@link UdpEndpointContext} of the destination, then get
 * {@code onContextEstablished}, and {@code onSent} or {@code onError}; received datagrams become
 * {@link RawData#inbound} with a {@link UdpEndpointContext} of the source and go to the raw data
 * receiver on the selector thread: the receiver, a {@code CoapEndpoint}, hands them to its own
 * executor at once (one thread hop per datagram, not two). {@link #send} never blocks and may be
 * called on any thread.
 * Can be started again after {@link #stop()}.
 */
public final class NioUdpConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(NioUdpConnector.class);

    private final InetSocketAddress bindAddress;
    private final UdpSelector selector;
    private final Executor receiveExecutor;
    private final TrafficMeter meter;
    private volatile InetSocketAddress effectiveAddress;
    private volatile DatagramChannel channel;
    private volatile RawDataChannel receiver;
    private volatile EndpointContextMatcher endpointContextMatcher;

    /**
     * A connector, not yet bound.
     *
     * @param bind the local address; port 0 for an ephemeral port; {@code null} for an
     *            ephemeral port on the wildcard address
     * @param selector the shared selector that serves the socket
     * @param receiveExecutor runs the callbacks of datagrams that waited in the send queue (the engine's pool)
     */
    public NioUdpConnector(InetSocketAddress bind, UdpSelector selector, Executor receiveExecutor) {
        this(bind, selector, receiveExecutor, new TrafficMeter());
    }

    /**
     * A connector, not yet bound, that counts what its socket sends and receives.
     *
     * @param meter counts every datagram sent or received on the socket
     */
    public NioUdpConnector(InetSocketAddress bind, UdpSelector selector, Executor receiveExecutor, TrafficMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.bindAddress = bind == null ? new InetSocketAddress(0) : bind;
        this.selector = Objects.requireNonNull(selector, "selector");
        this.receiveExecutor = Objects.requireNonNull(receiveExecutor, "receiveExecutor");
        this.effectiveAddress = bindAddress;
    }

    @Override
    public synchronized void start() throws IOException {
        if (channel != null) {
            return;
        }
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bindAddress);
            ch.configureBlocking(false);
            effectiveAddress = (InetSocketAddress) ch.getLocalAddress();
            // the receiver is a CoapEndpoint, which hands every datagram to its own executor at once
            selector.registerHandingOff(ch, receiveExecutor, this::received);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException("cannot open a UDP socket on " + bindAddress, e);
        }
        channel = ch;
        LOG.debug("NioUdpConnector listening on {}", effectiveAddress);
    }

    @Override
    public synchronized void stop() {
        DatagramChannel ch = channel;
        if (ch == null) {
            return;
        }
        channel = null;
        selector.deregister(ch);
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed", effectiveAddress, e);
        }
        LOG.debug("NioUdpConnector on {} stopped", effectiveAddress);
    }

    @Override
    public void destroy() {
        stop();
        receiver = null;
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    @Override
    public void send(RawData msg) {
        if (msg == null) {
            throw new NullPointerException("Message must not be null");
        }
        EndpointContext destination = msg.getEndpointContext();
        InetSocketAddress target = destination.getPeerAddress();
        if (target.getPort() == 0) {
            msg.onError(new IOException("CoAP message to " + StringUtil.toString(target) + " dropped, destination port 0!"));
            return;
        }
        DatagramChannel ch = channel;
        if (ch == null) {
            msg.onError(new InterruptedIOException("Connector is not running."));
            return;
        }
        EndpointContext connectionContext = new UdpEndpointContext(target);
        EndpointContextMatcher matcher = endpointContextMatcher;
        if (matcher != null && !matcher.isToBeSent(destination, connectionContext)) {
            LOG.warn("NioUdpConnector ({}) drops {} bytes to {}", effectiveAddress, msg.getSize(), StringUtil.toLog(target));
            msg.onError(new EndpointMismatchException("UDP sending"));
            return;
        }
        msg.onContextEstablished(connectionContext);
        selector.send(ch, ByteBuffer.wrap(msg.getBytes()), target, new UdpSelector.SendCallback() {
            @Override
            public void sent() {
                meter.sent(msg.getSize(), target.getAddress());
                msg.onSent();
            }

            @Override
            public void failed(Exception error) {
                msg.onError(error);
            }
        });
    }

    @Override
    public void setRawDataReceiver(RawDataChannel messageHandler) {
        this.receiver = messageHandler;
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        this.endpointContextMatcher = matcher;
    }

    /** The bound address once started (the real port if bound to port 0), else the configured one. */
    @Override
    public InetSocketAddress getAddress() {
        return effectiveAddress;
    }

    @Override
    public String getProtocol() {
        return "UDP";
    }

    /** Delivers a datagram as if received on this socket (datagrams above the size limit are dropped). */
    @Override
    public void processDatagram(DatagramPacket datagram) {
        if (datagram.getLength() > selector.maxDatagramSize()) {
            LOG.debug("NioUdpConnector ({}) dropped a datagram from {}: larger than {} bytes", effectiveAddress,
                    StringUtil.toLog(datagram.getSocketAddress()), selector.maxDatagramSize());
            return;
        }
        byte[] bytes = Arrays.copyOfRange(datagram.getData(), datagram.getOffset(), datagram.getOffset() + datagram.getLength());
        received(bytes, new InetSocketAddress(datagram.getAddress(), datagram.getPort()), ClockUtil.nanoRealtime());
    }

    private void received(byte[] datagram, InetSocketAddress source, long receiveNanos) {
        // counted before anything is dropped: it reached the socket and used the link
        meter.received(datagram.length, source.getAddress());
        if (source.getPort() == 0) {
            // RFC 768: no source port, nowhere to answer
            LOG.trace("NioUdpConnector ({}) dropped {} bytes from {} without source port", effectiveAddress, datagram.length,
                    StringUtil.toLog(source));
            return;
        }
        RawDataChannel dataReceiver = receiver;
        if (dataReceiver == null) {
            LOG.debug("NioUdpConnector ({}) has no receiver, dropped a datagram from {}", effectiveAddress, StringUtil.toLog(source));
            return;
        }
        dataReceiver.receiveData(RawData.inbound(datagram, new UdpEndpointContext(source), false, receiveNanos, effectiveAddress));
    }

    @Override
    public String toString() {
        return getProtocol() + "-" + StringUtil.toString(getAddress());
    }
}
