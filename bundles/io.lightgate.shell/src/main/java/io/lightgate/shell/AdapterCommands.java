/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.shell;

import io.lightgate.api.status.SourceMonitor;
import io.lightgate.api.status.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code lwm2m:adapters}: every southbound source of the adapters (OPC UA servers, meters) with
 * its state, since when, the next attempt and the last error, from the {@link SourceMonitor} services.
 */
@Component(service = AdapterCommands.class, property = { "osgi.command.scope=lwm2m", "osgi.command.function=adapters" })
public final class AdapterCommands {

    private final List<SourceMonitor> monitors = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addMonitor(SourceMonitor monitor) {
        monitors.add(monitor);
    }

    void removeMonitor(SourceMonitor monitor) {
        monitors.remove(monitor);
    }

    /** Lists the sources, by kind then name. */
    public String adapters() {
        List<SourceStatus> all = new ArrayList<>();
        monitors.forEach(m -> all.addAll(m.sources()));
        return format(all, Instant.now());
    }

    static String format(List<SourceStatus> sources, Instant now) {
        if (sources.isEmpty()) {
            return "No adapter source is configured (etc/io.lightgate.adapter.opcua.server-*.cfg, etc/io.lightgate.adapter.dlms.meter-*.cfg)\n";
        }
        List<SourceStatus> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(SourceStatus::kind).thenComparing(SourceStatus::name));
        StringBuilder out = new StringBuilder(String.format("%-14s %-24s %-32s %-13s %-10s %-10s %s%n",
                "KIND", "ENDPOINT", "ADDRESS", "STATE", "SINCE", "RETRY IN", "READS/RECONNECTS"));
        for (SourceStatus s : sorted) {
            String endpoints = s.endpoints().isEmpty() ? "(" + s.name() + ")" : String.join(",", s.endpoints());
            String retry = s.retryAt() == null ? "-" : Math.max(0, Duration.between(now, s.retryAt()).toSeconds()) + " s";
            out.append(String.format("%-14s %-24s %-32s %-13s %-10s %-10s %d/%d%n", s.kind(), endpoints, s.address(), s.state(),
                    Duration.between(s.since(), now).toSeconds() + " s", retry, s.reads(), s.reconnects()));
            if (!s.lastError().isEmpty()) {
                out.append("    ").append(s.lastError()).append('\n');
            }
        }
        return out.toString();
    }
}
