/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's UDP parser, with three malformed kinds of message turned into message format
 * errors like any other (a confirmable request gets 4.00, anything else is dropped quietly).
 * Californium lets them through to places that throw, and logs a stack trace per datagram, for
 * any sender: a request whose payload is larger than its own Block1 block size (an
 * IllegalStateException, logged as ERROR), a Block1 request announcing a body of 0 bytes in Size1
 * (the block-wise layer cannot make a buffer of that size, logged as WARN), and a request in an
 * ACK or Reset message, which RFC 7252 (4.2, 4.3) does not allow (its response cannot be
 * serialized, logged as WARN twice). All found by SocketFuzzIT.
 */
final class StrictUdpParser extends UdpDataParser {

    @Override
    public void parseOptionsAndPayload(DatagramReader reader, Message message) {
        if (message instanceof Request && (message.getType() == CoAP.Type.ACK || message.getType() == CoAP.Type.RST)) {
            throw new CoAPMessageFormatException("a request in a " + message.getType() + " message", message.getToken(), message.getMID(),
                    message.getRawCode(), false);
        }
        try {
            super.parseOptionsAndPayload(reader, message);
        } catch (IllegalStateException e) {
            throw badRequest(message, e.getMessage());
        }
        if (message instanceof Request && message.getOptions().hasBlock1() && message.getOptions().hasSize1()
                && message.getOptions().getSize1() == 0) {
            throw badRequest(message, "a block-wise request announcing a body of 0 bytes (Size1)");
        }
    }

    private static CoAPMessageFormatException badRequest(Message message, String what) {
        return new CoAPMessageFormatException(what, message.getToken(), message.getMID(), message.getRawCode(), message.isConfirmable(),
                ResponseCode.BAD_REQUEST);
    }
}
