/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

/**
 * How an endpoint's collaborators reach a server: the request goes out on the socket of the
 * server's scheme (see {@link ClientEndpoint}). Registration, Sender and store-and-forward see
 * only this, so that their tests answer requests without a socket.
 */
interface ServerLink {

    /**
     * Sends a request to a server; completes with the response, or null on timeout, rejection or
     * send error (then {@link Request#getSendError()} tells why).
     */
    CompletableFuture<Response> send(Request request, ServerDefinition to);

    /**
     * Before a Register to a coaps:// server: puts the endpoint's credential for it where the DTLS
     * handshake finds it. Takes no lock of the endpoint.
     *
     * @return null when ready, else why not
     */
    default String prepareSecureSession(ServerDefinition s, InetSocketAddress address) {
        return null;
    }

    /**
     * After a request to a coaps server got no answer: the next message to it starts a new
     * handshake. Takes no lock of the endpoint.
     *
     * @return true if the next handshake resumes the session
     */
    default boolean renewSecureSession(ServerDefinition s, InetSocketAddress address) {
        return false;
    }
}
