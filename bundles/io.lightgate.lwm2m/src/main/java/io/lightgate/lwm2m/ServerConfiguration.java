/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.ConfigurationOrigin;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code io.lightgate.lwm2m.server} factory configuration, checked. A configuration that
 * does not hold up is logged with the file and the setting, and contributes no server.
 */
@Designate(ocd = ServerConfig.class, factory = true)
@Component(service = ServerConfiguration.class, configurationPid = ServerConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ServerConfiguration {

    static final String FACTORY_PID = "io.lightgate.lwm2m.server";
    private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);

    private final ServerDefinition definition;

    @Activate
    public ServerConfiguration(ServerConfig config, Map<String, Object> properties) {
        ConfigurationOrigin origin = ConfigurationOrigin.of(properties);
        String where = origin.where();
        ServerDefinition d = null;
        try {
            if (config.short_server_id() < 1 || config.short_server_id() > 65534) {
                throw new IllegalArgumentException(where + ": short.server.id " + config.short_server_id() + " is outside 1..65534");
            }
            String name = config.name().isBlank() ? nameOf(properties) : config.name().strip();
            URI uri = ServerDefinition.parseUri(config.uri(), where + ": uri");
            d = new ServerDefinition(name, uri, config.short_server_id(),
                    config.default_server(), Math.max(0, config.lifetime()), config.binding(),
                    Math.max(0, config.default_pmin()), Math.max(0, config.default_pmax()),
                    security(config, uri, folderOf(origin), where), config.queue_awake_ms());
            LOG.info("LwM2M server {} configured from {}", d, where);
        } catch (IllegalArgumentException e) {
            LOG.error("{} The gateway does not use this server until the file is fixed.", e.getMessage());
        }
        this.definition = d;
    }

    /** Security mode and credentials from the settings; key files are resolved against {@code folder}. */
    static TransportSecurity security(ServerConfig config, URI uri, Path folder, String where) {
        return SecuritySettings.of(config).transportSecurity(uri, folder, where);
    }

    /** The folder of the configuration file (FileInstall gives a file: URL), else the working directory. */
    static Path folderOf(ConfigurationOrigin origin) {
        return origin.path().map(Path::getParent).orElseGet(() -> Paths.get("").toAbsolutePath());
    }

    /** The server, if the configuration is valid. */
    Optional<ServerDefinition> definition() {
        return Optional.ofNullable(definition);
    }

    private static String nameOf(Map<String, Object> properties) {
        // FileInstall names factory configurations <factoryPid>~<name> (or -<name>)
        Object alias = properties.get(ConfigurationOrigin.FILE_PROPERTY);
        if (alias != null) {
            String fileName = alias.toString().replaceAll(".*/", "").replaceAll("\\.(cfg|config)$", "");
            int i = Math.max(fileName.lastIndexOf('~'), fileName.lastIndexOf('-'));
            if (i > 0 && i < fileName.length() - 1) {
                return fileName.substring(i + 1);
            }
        }
        return String.valueOf(properties.getOrDefault("service.pid", "server"));
    }
}
