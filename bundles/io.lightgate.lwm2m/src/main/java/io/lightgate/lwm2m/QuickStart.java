/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.URI;
import java.util.Map;

/**
 * The one-line set-up of system properties: {@code lightgate.psk.identity} and
 * {@code lightgate.psk.key} secure a {@code coaps://} URI given as {@code lightgate.server.uri}
 * or {@code lightgate.bootstrap.uri} (the gateway's own endpoint's PSK).
 */
final class QuickStart {

    static final String PSK_IDENTITY = "lightgate.psk.identity";
    static final String PSK_KEY = "lightgate.psk.key";

    private QuickStart() {
    }

    /**
     * NoSec for coap://, the PSK of the system properties for coaps://.
     *
     * @throws IllegalArgumentException naming the properties when a coaps:// URI has no PSK
     */
    static TransportSecurity security(URI uri, String uriProperty, String pskIdentity, String pskKey) {
        if (!ServerDefinition.isSecureScheme(uri)) {
            return TransportSecurity.NO_SEC;
        }
        String where = "system properties " + PSK_IDENTITY + " / " + PSK_KEY + " (for " + uriProperty + "=" + uri + ")";
        byte[] key = pskKey == null || pskKey.isBlank() ? null : SecretFiles.hexKey(pskKey, "system property " + PSK_KEY);
        return TransportSecurity.psk(pskIdentity, key, Map.of(), "", where);
    }
}
