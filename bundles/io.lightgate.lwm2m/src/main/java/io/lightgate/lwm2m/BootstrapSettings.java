/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.GatewayFolder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the engine's {@link Provisioning} from the framework properties and the configuration. */
final class BootstrapSettings {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapSettings.class);

    /**
     * Where the settings come from.
     *
     * @param commandLineUri -Dlightgate.bootstrap.uri, or null
     * @param pskIdentity -Dlightgate.psk.identity, or null (for a coaps:// command-line URI)
     * @param pskKey -Dlightgate.psk.key in hex, or null
     * @param dataFolder -Dlightgate.data, or null for data/
     * @param configured the bootstrap server of etc/io.lightgate.lwm2m.bootstrap.cfg, if any yet
     */
    record Sources(String commandLineUri, String pskIdentity, String pskKey, String dataFolder, Supplier<BootstrapServerDefinition> configured) {
    }

    private BootstrapSettings() {
    }

    static Provisioning provisioning(Sources sources, java.util.concurrent.ScheduledExecutorService scheduler, long groupCommitMillis) {
        ClientStateStore store = new ClientStateStore(GatewayFolder.DATA.path(sources.dataFolder()).resolve("lwm2m").resolve("state"), scheduler,
                groupCommitMillis);
        BootstrapServerDefinition commandLine = null;
        if (sources.commandLineUri() != null && !sources.commandLineUri().isBlank()) {
            try {
                java.net.URI uri = ServerDefinition.parseUri(sources.commandLineUri(), "system property lightgate.bootstrap.uri");
                commandLine = new BootstrapServerDefinition(uri, 0, 60, 0,
                        QuickStart.security(uri, "lightgate.bootstrap.uri", sources.pskIdentity(), sources.pskKey()));
                LOG.info("LwM2M {} from -Dlightgate.bootstrap.uri (replaces etc/{}.cfg)", commandLine,
                        BootstrapConfiguration.PID);
            } catch (IllegalArgumentException e) {
                LOG.error("{}. The gateway does not bootstrap until the property is fixed.", e.getMessage());
            }
        }
        Provisioning provisioning = new Provisioning(store, commandLine);
        provisioning.setConfigured(sources.configured().get());
        LOG.info("Provisioned LwM2M client state is kept in {}", store.folder());
        return provisioning;
    }
}
