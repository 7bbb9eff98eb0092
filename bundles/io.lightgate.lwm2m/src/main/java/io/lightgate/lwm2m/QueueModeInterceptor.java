/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.function.Function;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue mode on the socket, where every message to and from a server passes: each one is an
 * exchange that keeps the endpoint awake toward that server; a request from a server the
 * endpoint sleeps toward is dropped before Californium sees it (no ACK, no response, no
 * deduplication entry), as a client with its radio off would miss it. The server sends it
 * again once the endpoint is awake (Leshan: the application, on the Update that wakes it).
 * Runs on Californium's threads and takes no lock but the awake window's. What a server sends
 * also tells the gateway's other endpoints that it is there ({@link ServerLastHeard}).
 */
final class QueueModeInterceptor implements MessageInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(QueueModeInterceptor.class);

    private final String endpointName;
    private final Function<InetSocketAddress, Registration> servers;
    private final ServerLastHeard lastHeard;

    /** {@code servers} finds the registration of a server's address (null for others) without taking locks. */
    QueueModeInterceptor(String endpointName, Function<InetSocketAddress, Registration> servers, ServerLastHeard lastHeard) {
        this.endpointName = endpointName;
        this.servers = servers;
        this.lastHeard = lastHeard;
    }

    @Override
    public void receiveRequest(Request request) {
        Registration r = heardFrom(request.getSourceContext());
        if (r == null) {
            return;
        }
        if (r.asleep()) {
            LOG.debug("Endpoint '{}' sleeps toward {} (queue mode): its {} {} is dropped unanswered", endpointName, r.server(),
                    request.getCode(), request.getOptions().getUriPathString());
            request.cancel(); // Californium drops a request an interceptor cancelled
            return;
        }
        r.exchanged();
    }

    @Override
    public void sendRequest(Request request) {
        exchanged(serverOf(request.getDestinationContext()));
    }

    @Override
    public void sendResponse(Response response) {
        exchanged(serverOf(response.getDestinationContext()));
    }

    @Override
    public void sendEmptyMessage(EmptyMessage message) {
        exchanged(serverOf(message.getDestinationContext()));
    }

    @Override
    public void receiveResponse(Response response) {
        exchanged(heardFrom(response.getSourceContext()));
    }

    @Override
    public void receiveEmptyMessage(EmptyMessage message) {
        exchanged(heardFrom(message.getSourceContext()));
    }

    private static void exchanged(Registration r) {
        if (r != null) {
            r.exchanged();
        }
    }

    /** The registration of the server that sent a message, which is then heard from; null for others. */
    private Registration heardFrom(EndpointContext peer) {
        Registration r = serverOf(peer);
        if (r != null) {
            lastHeard.heard(peer.getPeerAddress());
        }
        return r;
    }

    private Registration serverOf(EndpointContext context) {
        InetSocketAddress address = context == null ? null : context.getPeerAddress();
        return address == null ? null : servers.apply(address);
    }
}
