/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

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

    /**
     * The DTLS settings every secure endpoint uses (PSK and certificate sockets alike), added to
     * the engine's CoAP configuration.
     *
     * @param resumeAfterQuiet a session that carried no record for this long is resumed before
     *            the next message (zero or negative: never)
     */
    static void configure(Configuration config, Duration resumeAfterQuiet) {
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        // Scandium's minimum useful value: 0 receivers would never read the socket
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        // unused with an executor set; the smallest value in case Scandium ever reads it
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        // 0: Connection ID supported (RFC 9146) with an empty CID of our own, so a server that
        // offers one gets its CID in our records and keeps the session across NAT rebinding
        config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, MAX_CONNECTIONS);
        // Scandium's client keeps the session (and its id) a server gave in its ServerHello with the
        // connection; after this quiet period the next message first resumes it (a ClientHello with
        // that id). A server without the session answers with a full handshake, which Scandium follows.
        config.set(DtlsConfig.DTLS_AUTO_HANDSHAKE_TIMEOUT, resumeAfterQuiet.isNegative() || resumeAfterQuiet.isZero()
                ? null : resumeAfterQuiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Secured create(EngineContext context, PskCredentialStore psk, String endpointName) {
        Configuration config = context.secureCoapConfigurationFor(endpointName);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(context.localAddress(), 0))
                .setAdvancedPskStore(psk)
                .setLoggingTag("[" + endpointName + "]")
                .build();
        return secured(context, config, dtls, endpointName);
    }

    /**
     * An endpoint's DTLS socket for one RPK or X.509 server: only certificate-based cipher
     * suites and the identity's certificate type are offered, so a server that also knows PSK
     * (or the other type) cannot pick something this socket has no credential for. A socket per
     * server, because Scandium asks for the client's identity without saying which server
     * wants it, and because a refused server's retry drops the socket's handshakes.
     */
    static Secured create(EngineContext context, CertificateCredential identity, ServerCertificateVerifier verifier, String endpointName) {
        Configuration config = new Configuration(context.secureCoapConfigurationFor(endpointName));
        // CCM_8: the suite LwM2M mandates for certificates; GCM: the one most servers prefer
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        // SNI (Transport spec, certificate modes): the server URI's host name, set per request by ClientEndpoint.send
        config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, true);
        SingleCertificateProvider provider = identity.mode() == TransportSecurity.Mode.RPK
                ? new SingleCertificateProvider(identity.privateKey(), identity.publicKey())
                : new SingleCertificateProvider(identity.privateKey(), identity.chain().toArray(new X509Certificate[0]), CertificateType.X_509);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(context.localAddress(), 0))
                .setCertificateIdentityProvider(provider)
                .setAdvancedCertificateVerifier(verifier)
                .setLoggingTag("[" + endpointName + " " + identity.mode() + "]")
                .build();
        return secured(context, config, dtls, endpointName);
    }

    private static Secured secured(EngineContext context, Configuration config, DtlsConnectorConfig dtls, String endpointName) {
        DTLSConnector connector = new CountingDtlsConnector(dtls, context.traffic());
        connector.setExecutor(context.executors().main);
        CoapEndpoint endpoint = context.notificationPacing().messageIds().endpointBuilder(config, "[" + endpointName + " coaps]")
                .setConnector(connector).setDataSerializerAndParser(new UdpDataSerializer(), new StrictUdpParser()).build();
        return new Secured(endpoint, connector);
    }

    /** A coaps endpoint and its connector (to drop DTLS sessions when a server's credentials change). */
    record Secured(CoapEndpoint endpoint, DTLSConnector connector) {
    }
}
