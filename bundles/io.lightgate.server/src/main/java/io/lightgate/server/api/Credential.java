/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import java.util.Objects;

/**
 * DTLS credentials a client must present to the local server (one per endpoint).
 *
 * @param endpoint the client's endpoint name
 * @param mode PSK, RPK or X509
 * @param identity the PSK identity (PSK only)
 * @param key for PSK the key as hex; for RPK the client's public key as hex (X.509
 *        SubjectPublicKeyInfo DER); unused for X509, where the certificate's CN must be the endpoint name
 */
public record Credential(String endpoint, Mode mode, String identity, String key) {

    /** DTLS security modes. */
    public enum Mode {
        PSK, RPK, X509
    }

    public Credential {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(mode, "mode");
        identity = identity == null ? "" : identity;
        key = key == null ? "" : key;
    }
}
