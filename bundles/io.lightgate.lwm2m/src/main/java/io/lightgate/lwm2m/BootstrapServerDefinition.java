/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.URI;
import java.util.Objects;

/**
 * The bootstrap server the endpoints ask when they have no server, as the engine uses it.
 *
 * @param uri coap://host:port or coaps://host:port
 * @param holdOffSeconds wait before a client-initiated Bootstrap-Request
 * @param sessionTimeoutSeconds a session without Finish is given up after this long
 * @param preferredContentFormat pct= of the Bootstrap-Request, 0 for none
 * @param security NoSec for coap://; PSK, RPK or X.509 credentials for coaps://
 */
record BootstrapServerDefinition(URI uri, long holdOffSeconds, long sessionTimeoutSeconds, int preferredContentFormat,
        TransportSecurity security) {

    BootstrapServerDefinition {
        Objects.requireNonNull(uri, "uri");
        holdOffSeconds = Math.max(0, holdOffSeconds);
        sessionTimeoutSeconds = sessionTimeoutSeconds < 1 ? 60 : sessionTimeoutSeconds;
        security = security == null ? TransportSecurity.NO_SEC : security;
        asServer(uri, security); // the same scheme / security mode agreement as a management server
    }

    /** A plain coap:// bootstrap server. */
    BootstrapServerDefinition(URI uri, long holdOffSeconds, long sessionTimeoutSeconds, int preferredContentFormat) {
        this(uri, holdOffSeconds, sessionTimeoutSeconds, preferredContentFormat, TransportSecurity.NO_SEC);
    }

    /** How the transport sees this server: a peer with a URI and credentials (it never registers there). */
    ServerDefinition asServer() {
        return asServer(uri, security);
    }

    private static ServerDefinition asServer(URI uri, TransportSecurity security) {
        return new ServerDefinition("bootstrap", uri, 0, false, 0, "U", 0, 0, security);
    }

    /** Whether requests to this server go over DTLS. */
    boolean secure() {
        return ServerDefinition.isSecureScheme(uri);
    }

    @Override
    public String toString() {
        return "bootstrap server " + uri + (secure() ? " (" + security.describe() + ")" : "");
    }
}
