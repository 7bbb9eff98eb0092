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
 * @param uri the server's coap:// URI
 * @param shortServerId the Short Server ID
 * @param defaultServer whether endpoints that name no server register here
 * @param lifetime registration lifetime in seconds, 0 for the endpoint's own
 * @param binding binding mode sent at registration
 * @param defaultPmin default pmin (s)
 * @param defaultPmax default pmax (s), 0 for none
 */
record ServerDefinition(String name, URI uri, int shortServerId, boolean defaultServer, long lifetime, String binding,
        long defaultPmin, long defaultPmax) {

    ServerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        binding = binding == null || binding.isBlank() ? "U" : binding.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * Validates a server URI.
     *
     * @param where names the setting and the file, for the error message
     * @throws IllegalArgumentException naming the problem
     */
    static URI parseUri(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + ": the server URI is empty; expected coap://host:port");
        }
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a URI; expected coap://host:port");
        }
        if (!"coap".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(where + ": scheme '" + uri.getScheme() + "' in '" + text
                    + "' is not supported yet; use coap:// (coaps:// comes with the DTLS transport)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": '" + text + "' has no host; expected coap://host:port");
        }
        return uri.getPort() < 0 ? URI.create("coap://" + uri.getHost() + ":5683") : uri;
    }

    @Override
    public String toString() {
        return name + " (" + uri + ", ssid " + shortServerId + ")";
    }
}
