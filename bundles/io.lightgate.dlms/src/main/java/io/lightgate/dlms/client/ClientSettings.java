/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.Authentication;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and associate with one meter.
 *
 * @param host meter or converter host
 * @param port TCP port (4059 is the WRAPPER default)
 * @param transport WRAPPER or HDLC
 * @param clientAddress client SAP (16 public client, 1 management, ...)
 * @param serverLogical server logical device address (1 management logical device)
 * @param serverPhysical HDLC physical (lower) address; 0 with a 1-byte address
 * @param serverAddressSize HDLC server address size 1, 2 or 4 (0: smallest that fits)
 * @param authentication lowest (NONE) or low-level (LOW)
 * @param password the low-level security password, empty for NONE
 * @param connectTimeout TCP connect timeout
 * @param responseTimeout how long to wait for each answer
 * @param maxPduSize the largest APDU the client accepts (the server splits larger answers in blocks)
 * @param hdlcMaxInfo the HDLC information field size proposed in SNRM
 * @param maxResponseBytes the largest block-transfer answer accepted (bounded memory)
 */
public record ClientSettings(String host, int port, TransportKind transport, int clientAddress, int serverLogical,
        int serverPhysical, int serverAddressSize, Authentication authentication, byte[] password,
        Duration connectTimeout, Duration responseTimeout, int maxPduSize, int hdlcMaxInfo, int maxResponseBytes) {

    public ClientSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(authentication, "authentication");
        password = password == null ? new byte[0] : password.clone();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (authentication != Authentication.NONE && authentication != Authentication.LOW) {
            throw new IllegalArgumentException("authentication " + authentication
                    + " is not implemented yet (use none or low)");
        }
        if (maxPduSize < 64 || maxPduSize > 0xFFFF) {
            throw new IllegalArgumentException("max PDU size " + maxPduSize + " is outside 64..65535");
        }
    }

    @Override
    public byte[] password() { return password.clone(); }

    /** Public client (16) to logical device 1, no authentication, usual timeouts. */
    public static ClientSettings of(String host, int port, TransportKind transport) {
        return new ClientSettings(host, port, transport, 16, 1, transport == TransportKind.HDLC ? 17 : 0, 0,
                Authentication.NONE, null, Duration.ofSeconds(5), Duration.ofSeconds(5), 1024, 128, 1 << 20);
    }

    public ClientSettings withAuthentication(Authentication auth, byte[] secret, int client) {
        return new ClientSettings(host, port, transport, client, serverLogical, serverPhysical, serverAddressSize,
                auth, secret, connectTimeout, responseTimeout, maxPduSize, hdlcMaxInfo, maxResponseBytes);
    }

    public ClientSettings withSizes(int pdu, int hdlcInfo) {
        return new ClientSettings(host, port, transport, clientAddress, serverLogical, serverPhysical, serverAddressSize,
                authentication, password, connectTimeout, responseTimeout, pdu, hdlcInfo, maxResponseBytes);
    }

    public ClientSettings withTimeouts(Duration connect, Duration response) {
        return new ClientSettings(host, port, transport, clientAddress, serverLogical, serverPhysical, serverAddressSize,
                authentication, password, connect, response, maxPduSize, hdlcMaxInfo, maxResponseBytes);
    }

    public ClientSettings withServerAddress(int logical, int physical, int size) {
        return new ClientSettings(host, port, transport, clientAddress, logical, physical, size,
                authentication, password, connectTimeout, responseTimeout, maxPduSize, hdlcMaxInfo, maxResponseBytes);
    }
}
