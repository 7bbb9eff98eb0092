/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;

/** {@code /bs} of an endpoint: Bootstrap-Finish (POST), accepted from its bootstrap server only. */
final class BootstrapFinishResource extends CoapResource {

    private final BootstrapClient client;
    private final BootstrapHandler handler;

    BootstrapFinishResource(BootstrapClient client, BootstrapHandler handler) {
        super("bs", false);
        this.client = client;
        this.handler = handler;
        setVisible(false);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!client.isBootstrapServer(exchange.getSourceSocketAddress())) {
            exchange.respond(CoAP.ResponseCode.UNAUTHORIZED, "Bootstrap-Finish is accepted from the bootstrap server only");
            return;
        }
        handler.finish(exchange);
    }
}
