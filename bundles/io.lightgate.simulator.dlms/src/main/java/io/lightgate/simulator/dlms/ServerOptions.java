/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;

/**
 * How the simulated meter listens and associates.
 *
 * @param transport WRAPPER or HDLC
 * @param logicalAddress server logical device (WRAPPER destination wPort, HDLC upper address)
 * @param authentication lowest (NONE) or low-level (LOW)
 * @param password low-level password
 * @param maxPdu the server's max receive PDU size
 * @param hdlcMaxInfo the largest HDLC information field the server sends and accepts
 * @param maxConnections connections served at once; more are refused
 */
public record ServerOptions(TransportKind transport, int logicalAddress, Authentication authentication, byte[] password,
        int maxPdu, int hdlcMaxInfo, int maxConnections) {

    public ServerOptions {
        password = password == null ? new byte[0] : password.clone();
    }

    @Override
    public byte[] password() { return password.clone(); }

    public static ServerOptions of(TransportKind transport) {
        return new ServerOptions(transport, 1, Authentication.NONE, null, 1024, 128, 4);
    }
}
