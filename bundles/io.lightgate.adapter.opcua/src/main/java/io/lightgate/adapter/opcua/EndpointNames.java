/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

/** The default LwM2M endpoint name of an OPC UA server. */
final class EndpointNames {

    private EndpointNames() {
    }

    /**
     * The server's application URI (URNs are common LwM2M endpoint names), with characters other
     * than letters, digits and {@code : . _ -} replaced by '-'; the endpoint URL's host and port
     * when the server announces no URI.
     */
    static String fromApplicationUri(String applicationUri, String endpointUrl) {
        String base = applicationUri == null || applicationUri.isBlank()
                ? "opcua-" + endpointUrl.replaceFirst("^opc\\.tcp://", "").replaceFirst("/.*$", "")
                : applicationUri.strip();
        StringBuilder name = new StringBuilder();
        for (char c : base.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) && c < 128 || c == ':' || c == '.' || c == '_' || c == '-' ? c : '-');
        }
        return name.toString();
    }
}
