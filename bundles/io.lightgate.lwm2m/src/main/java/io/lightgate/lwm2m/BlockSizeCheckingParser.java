/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's UDP parser, except for a request whose payload is larger than its own Block1
 * option's block size. Californium throws an IllegalStateException for it, which its endpoint
 * logs as an ERROR with a stack trace, once per datagram and for any sender; here it is a message
 * format error like any other: a confirmable request gets 4.00, anything else is dropped. Found by
 * SocketFuzzIT.
 */
final class BlockSizeCheckingParser extends UdpDataParser {

    @Override
    public void parseOptionsAndPayload(DatagramReader reader, Message message) {
        try {
            super.parseOptionsAndPayload(reader, message);
        } catch (IllegalStateException e) {
            throw new CoAPMessageFormatException(e.getMessage(), message.getToken(), message.getMID(), message.getRawCode(),
                    message.isConfirmable(), ResponseCode.BAD_REQUEST);
        }
    }
}
