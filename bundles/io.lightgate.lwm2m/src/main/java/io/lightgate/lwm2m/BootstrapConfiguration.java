/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.ConfigurationOrigin;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code io.lightgate.lwm2m.bootstrap} configuration, checked. One that does not hold up is
 * logged with the file and the setting, and contributes no bootstrap server.
 */
@Designate(ocd = BootstrapServerConfig.class)
@Component(service = BootstrapConfiguration.class, configurationPid = BootstrapConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class BootstrapConfiguration {

    static final String PID = "io.lightgate.lwm2m.bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapConfiguration.class);

    private final BootstrapServerDefinition definition;

    @Activate
    public BootstrapConfiguration(BootstrapServerConfig config, Map<String, Object> properties) {
        ConfigurationOrigin origin = ConfigurationOrigin.of(properties);
        String where = origin.fromFile() ? origin.where() : "configuration " + PID;
        BootstrapServerDefinition d = null;
        try {
            java.net.URI uri = ServerDefinition.parseUri(config.uri(), where + ": uri");
            d = new BootstrapServerDefinition(uri, config.hold_off(), config.session_timeout(), config.preferred_content_format(),
                    SecuritySettings.of(config).transportSecurity(uri, ServerConfiguration.folderOf(origin), where));
            LOG.info("LwM2M {} configured from {}", d, where);
        } catch (IllegalArgumentException e) {
            LOG.error("{} The gateway does not bootstrap until the file is fixed.", e.getMessage());
        }
        this.definition = d;
    }

    Optional<BootstrapServerDefinition> definition() {
        return Optional.ofNullable(definition);
    }
}
