/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A configured LwM2M management server, as the engine uses it.
 *
 * @param name the name endpoints refer to it by
 * @param uri the server's coap:// or coaps:// URI
 * @param shortServerId the Short Server ID
 * @param defaultServer whether endpoints that name no server register here
 * @param lifetime registration lifetime in seconds, 0 for the endpoint's own
 * @param binding binding mode sent at registration
 * @param defaultPmin default pmin (s)
 * @param defaultPmax default pmax (s), 0 for none
 * @param security security mode and credentials; NoSec for coap://, anything else for coaps://
 * @param queueAwakeMillis with a binding in queue mode (UQ): how long the endpoint stays awake toward this server after
 *        each exchange with it (ms)
 */
record ServerDefinition(String name, URI uri, int shortServerId, boolean defaultServer, long lifetime, String binding,
        long defaultPmin, long defaultPmax, TransportSecurity security, long queueAwakeMillis) {

    ServerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        binding = binding == null || binding.isBlank() ? "U" : binding.strip().toUpperCase(Locale.ROOT);
        security = security == null ? TransportSecurity.NO_SEC : security;
        queueAwakeMillis = queueAwakeMillis < 1 ? QueueMode.DEFAULT_AWAKE_MILLIS : queueAwakeMillis;
        if (isSecureScheme(uri) != (security.mode() != TransportSecurity.Mode.NO_SEC)) {
            throw new IllegalArgumentException("server " + name + ": " + uri + " with security mode " + security.mode()
                    + (isSecureScheme(uri) ? ": a coaps:// server needs security.mode PSK, RPK or X509"
                            : ": use a coaps:// URI for a secured server, or security.mode NO_SEC"));
        }
    }

    /** A server with the default queue mode awake time. */
    ServerDefinition(String name, URI uri, int shortServerId, boolean defaultServer, long lifetime, String binding,
            long defaultPmin, long defaultPmax, TransportSecurity security) {
        this(name, uri, shortServerId, defaultServer, lifetime, binding, defaultPmin, defaultPmax, security, QueueMode.DEFAULT_AWAKE_MILLIS);
    }

    /** Whether the configured binding asks for queue mode (see {@link QueueMode}). */
    boolean queueMode() {
        return QueueMode.requested(binding);
    }

    /** A server without transport security (coap://). */
    ServerDefinition(String name, URI uri, int shortServerId, boolean defaultServer, long lifetime, String binding,
            long defaultPmin, long defaultPmax) {
        this(name, uri, shortServerId, defaultServer, lifetime, binding, defaultPmin, defaultPmax, TransportSecurity.NO_SEC);
    }

    /** Whether requests to this server go over DTLS. */
    boolean secure() {
        return isSecureScheme(uri);
    }

    static boolean isSecureScheme(URI uri) {
        return "coaps".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Validates a server URI.
     *
     * @param where names the setting and the file, for the error message
     * @throws IllegalArgumentException naming the problem
     */
    static URI parseUri(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + ": the server URI is empty; expected coap://host:port or coaps://host:port");
        }
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a URI; expected coap://host:port");
        }
        boolean secure = "coaps".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"coap".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(where + ": scheme '" + uri.getScheme() + "' in '" + text
                    + "' is not supported; use coap:// or coaps:// (DTLS)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": '" + text + "' has no host; expected coap://host:port");
        }
        if (uri.getPort() >= 0) {
            return uri;
        }
        return URI.create((secure ? "coaps://" : "coap://") + uri.getHost() + (secure ? ":5684" : ":5683"));
    }

    @Override
    public String toString() {
        return name + " (" + uri + ", ssid " + shortServerId + (secure() ? ", " + security.describe() : "")
                + (queueMode() ? ", queue mode, awake " + queueAwakeMillis + " ms" : "") + ")";
    }
}
