/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * Builds an endpoint's coaps:// side: a CoapEndpoint on a Scandium DTLSConnector (DTLS 1.2,
 * client role). The connector uses the engine's scheduled pool as its executor and as its
 * timer (Scandium takes a ScheduledExecutorService for both), so the only thread it adds is
 * its one receiver thread, blocked on the endpoint's DTLS socket.
 */
final class SecureEndpoints {

    /** A client talks to a handful of servers: no need for Scandium's default of 150,000 connections. */
    private static final int MAX_CONNECTIONS = 16;

    private SecureEndpoints() {
    }

    /** The DTLS settings every secure endpoint uses, added to the engine's CoAP configuration. */
    static void configure(Configuration config) {
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        // Scandium's minimum useful value: 0 receivers would never read the socket
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        // unused with an executor set; the smallest value in case Scandium ever reads it
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        // 0: Connection ID supported (RFC 9146) with an empty CID of our own, so a server that
        // offers one gets its CID in our records and keeps the session across NAT rebinding
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, MAX_CONNECTIONS);
    }

    static Secured create(EngineContext context, PskCredentialStore psk, String endpointName) {
        Configuration config = context.coapConfiguration();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(context.localAddress(), 0))
                .setAdvancedPskStore(psk)
                .setLoggingTag("[" + endpointName + "]")
                .build();
        DTLSConnector connector = new DTLSConnector(dtls);
        connector.setExecutor(context.executors().main);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector)
                .setLoggingTag("[" + endpointName + " coaps]").build();
        return new Secured(endpoint, connector);
    }

    /** A coaps endpoint and its connector (to drop DTLS sessions when a server's credentials change). */
    record Secured(CoapEndpoint endpoint, DTLSConnector connector) {
    }
}
