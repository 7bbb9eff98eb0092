/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/** Turns the SPI's errors into CoAP responses with a diagnostic payload. */
final class CoapResponses {

    private CoapResponses() {
    }

    static CoAP.ResponseCode code(ResponseCode code) {
        return CoAP.ResponseCode.valueOf(code.codeClass() << 5 | code.detail());
    }

    static Response error(LwM2mException e) {
        Response response = new Response(code(e.code()));
        if (e.getMessage() != null) {
            response.setPayload(e.getMessage());
            response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        }
        return response;
    }

    static Response of(CoAP.ResponseCode code) {
        return new Response(code);
    }
}
