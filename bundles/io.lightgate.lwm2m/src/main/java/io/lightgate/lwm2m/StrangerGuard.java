/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.function.Predicate;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what peers send that are neither a server of the endpoint nor its bootstrap server
 * (strangers) out of the parts of Californium that should only serve those servers. Runs on
 * every received message, before deduplication. Both found by SocketFuzzIT:
 * <ul>
 * <li>Block1 requests: Californium's block-wise layer collects a Block1 transfer, answering 2.31
 * Continue block by block, before any resource sees the request; anyone on the network could
 * make an endpoint hold up to {@code max.payload.bytes} per transfer, for up to 150,000 transfers,
 * for 5 minutes each. A stranger's request loses its Block1 option, so it reaches the request
 * handler as one plain request and gets its 4.01 like any other request from a stranger.</li>
 * <li>Separate responses (CON or NON): the endpoint sends strangers no request, so these are
 * dropped. One with the message ID of the stranger's own earlier request matched that request's
 * exchange in Californium's deduplicator and failed there with a stack trace in the log, once per
 * datagram. Piggybacked responses (ACK) pass: they do not take that path, and a server that was
 * just removed still answers its De-register in one.</li>
 * </ul>
 */
final class StrangerGuard extends MessageInterceptorAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StrangerGuard.class);

    private final Predicate<InetSocketAddress> knownPeer;
    private final String endpointName;

    StrangerGuard(Predicate<InetSocketAddress> knownPeer, String endpointName) {
        this.knownPeer = knownPeer;
        this.endpointName = endpointName;
    }

    @Override
    public void receiveRequest(Request request) {
        if (request.getOptions().hasBlock1() && !knownPeer.test(request.getSourceContext().getPeerAddress())) {
            LOG.debug("Endpoint '{}': a block-wise request from {}, which is not one of its servers: answered as a plain request",
                    endpointName, request.getSourceContext().getPeerAddress());
            request.getOptions().removeBlock1();
        }
    }

    @Override
    public void receiveResponse(Response response) {
        if (response.getType() != CoAP.Type.ACK && !knownPeer.test(response.getSourceContext().getPeerAddress())) {
            LOG.debug("Endpoint '{}': dropped a separate response from {}, which is not one of its servers", endpointName,
                    response.getSourceContext().getPeerAddress());
            response.setCanceled(true);
        }
    }
}
