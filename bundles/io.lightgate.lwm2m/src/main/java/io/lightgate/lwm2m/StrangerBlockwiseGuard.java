/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.function.Predicate;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps peers that are neither a server of the endpoint nor its bootstrap server out of
 * Californium's block-wise layer. That layer collects a Block1 transfer, answering 2.31 Continue
 * block by block, before any resource sees the request: without this guard anyone on the network
 * could make an endpoint hold up to {@code max.payload.bytes} per transfer, for up to 150,000
 * transfers, for 5 minutes each. A stranger's request loses its Block1 option here, before
 * deduplication and the block-wise layer, so it reaches the request handler as one plain request
 * and gets its 4.01 like any other request from a stranger. Found by SocketFuzzIT.
 */
final class StrangerBlockwiseGuard extends MessageInterceptorAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StrangerBlockwiseGuard.class);

    private final Predicate<InetSocketAddress> knownPeer;
    private final String endpointName;

    StrangerBlockwiseGuard(Predicate<InetSocketAddress> knownPeer, String endpointName) {
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
}
