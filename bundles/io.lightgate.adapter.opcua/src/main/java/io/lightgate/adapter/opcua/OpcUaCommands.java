/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo command {@code opcua:servers}: every configured OPC UA server with its endpoint name,
 * state, for how long, and the last error. Gogo calls it by reflection: no shell import.
 */
@Component(service = OpcUaCommands.class, property = { "osgi.command.scope=opcua", "osgi.command.function=servers" })
public final class OpcUaCommands {

    private final List<OpcUaServerStatus> servers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addServer(OpcUaServerStatus status) {
        servers.add(status);
    }

    void removeServer(OpcUaServerStatus status) {
        servers.remove(status);
    }

    /** One line per configured OPC UA server. */
    public String servers() {
        if (servers.isEmpty()) {
            return "No OPC UA server is configured (etc/io.lightgate.adapter.opcua.server-<name>.cfg).";
        }
        StringBuilder out = new StringBuilder();
        for (OpcUaServerStatus s : servers) {
            long seconds = Duration.between(s.since(), Instant.now()).toSeconds();
            out.append(String.format("%-13s %-40s endpoint %-36s for %ds  (%s)%n", s.state(), s.endpointUrl(),
                    s.endpointName().isEmpty() ? "(not known yet)" : s.endpointName(), seconds, s.configuration()));
            if (!s.lastError().isEmpty()) {
                out.append("              ").append(s.lastError()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
