/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.Optional;

/**
 * What every endpoint's {@link BootstrapClient} shares: the bootstrap server (from
 * {@code -Dlightgate.bootstrap.uri}, which wins, or from etc/io.lightgate.lwm2m.bootstrap.cfg)
 * and the store of provisioned state in data/.
 */
final class Provisioning {

    private final ClientStateStore store;
    private final BootstrapServerDefinition commandLine;
    private volatile BootstrapServerDefinition configured;

    Provisioning(ClientStateStore store, BootstrapServerDefinition commandLine) {
        this.store = store;
        this.commandLine = commandLine;
    }

    ClientStateStore store() {
        return store;
    }

    /** The bootstrap server endpoints use now, if any. */
    Optional<BootstrapServerDefinition> bootstrapServer() {
        return Optional.ofNullable(commandLine != null ? commandLine : configured);
    }

    void setConfigured(BootstrapServerDefinition definition) {
        this.configured = definition;
    }
}
