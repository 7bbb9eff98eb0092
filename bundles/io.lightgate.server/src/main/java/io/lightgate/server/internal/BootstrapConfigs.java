/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.server.api.BootstrapEntry;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerSecurity;

/** Turns a {@link BootstrapEntry} into what Leshan's bootstrap server writes. */
final class BootstrapConfigs {

    private BootstrapConfigs() {
    }

    /**
     * Deletes the client's Security and Server instances (the bootstrap account stays, as the
     * spec requires) and writes one server account.
     *
     * @throws IllegalArgumentException when the entry is inconsistent (message names the field)
     */
    static BootstrapConfig toLeshan(BootstrapEntry entry) {
        if (!entry.serverUri().startsWith("coap://") && !entry.serverUri().startsWith("coaps://")) {
            throw new IllegalArgumentException("serverUri must start with coap:// or coaps://, got '" + entry.serverUri() + "'");
        }
        if (entry.shortServerId() < 1 || entry.shortServerId() > 65534) {
            throw new IllegalArgumentException("shortServerId must be 1..65534, got " + entry.shortServerId());
        }
        SecurityMode mode;
        try {
            mode = SecurityMode.valueOf(entry.securityMode().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("securityMode must be NO_SEC or PSK, got '" + entry.securityMode() + "'");
        }
        if (mode != SecurityMode.NO_SEC && mode != SecurityMode.PSK) {
            throw new IllegalArgumentException("securityMode must be NO_SEC or PSK, got '" + entry.securityMode() + "'");
        }
        ServerSecurity security = new ServerSecurity();
        security.uri = entry.serverUri();
        security.bootstrapServer = false;
        security.securityMode = mode;
        security.serverId = entry.shortServerId();
        if (mode == SecurityMode.PSK) {
            if (entry.pskIdentity().isEmpty() || entry.pskKeyHex().isEmpty()) {
                throw new IllegalArgumentException("PSK needs pskIdentity and pskKeyHex");
            }
            security.publicKeyOrId = entry.pskIdentity().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            security.secretKey = HexFormat.of().parseHex(entry.pskKeyHex());
        } else {
            security.publicKeyOrId = new byte[0];
            security.secretKey = new byte[0];
        }
        security.serverPublicKey = new byte[0];
        ServerConfig server = new ServerConfig();
        server.shortId = entry.shortServerId();
        server.lifetime = (int) Math.min(Integer.MAX_VALUE, Math.max(1, entry.lifetimeSeconds()));
        EnumSet<BindingMode> binding = BindingMode.parse(entry.binding());
        server.binding = binding;

        BootstrapConfig config = new BootstrapConfig();
        config.toDelete = List.of("/0", "/1");
        config.security.put(1, security);
        config.servers.put(0, server);
        return config;
    }
}
