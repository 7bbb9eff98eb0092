/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides the gateway's own endpoint name. */
final class GatewayName {

    private GatewayName() {
    }

    /**
     * The system property wins over the configuration; without either, {@code lightgate-<hostname>}.
     * The host name is read from the kernel rather than DNS, which may hang on a gateway without network.
     */
    static String resolve(String configured, String systemProperty) {
        if (systemProperty != null && !systemProperty.isBlank()) {
            return systemProperty.strip();
        }
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return "lightgate-" + hostName();
    }

    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        return env == null || env.isBlank() ? "gateway" : env.strip();
    }
}
