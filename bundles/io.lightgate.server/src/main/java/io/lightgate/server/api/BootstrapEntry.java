/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import java.util.Objects;

/**
 * What the local bootstrap server writes into a client that bootstraps with this endpoint name:
 * one LwM2M server account (Security and Server object instances).
 *
 * @param endpoint the client's endpoint name
 * @param serverUri the LwM2M server URI the client should register to (coap:// or coaps://)
 * @param shortServerId the Short Server ID of that account
 * @param lifetimeSeconds the registration lifetime
 * @param binding the binding (e.g. U)
 * @param securityMode NO_SEC or PSK
 * @param pskIdentity PSK identity (PSK only)
 * @param pskKeyHex PSK key as hex (PSK only)
 */
public record BootstrapEntry(String endpoint, String serverUri, int shortServerId, long lifetimeSeconds,
        String binding, String securityMode, String pskIdentity, String pskKeyHex) {

    public BootstrapEntry {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(serverUri, "serverUri");
        binding = binding == null || binding.isBlank() ? "U" : binding;
        securityMode = securityMode == null || securityMode.isBlank() ? "NO_SEC" : securityMode;
        pskIdentity = pskIdentity == null ? "" : pskIdentity;
        pskKeyHex = pskKeyHex == null ? "" : pskKeyHex;
    }
}
