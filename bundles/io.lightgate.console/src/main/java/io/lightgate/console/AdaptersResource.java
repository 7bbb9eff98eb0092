/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.status.SourceMonitor;
import io.lightgate.api.status.SourceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/gateway/adapters: the southbound sources of every adapter (OPC UA servers, meters)
 * and how their connections stand, from the {@link SourceMonitor} services the adapters register.
 */
@Component(service = AdaptersResource.class)
public final class AdaptersResource {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptersResource.class);

    private final List<SourceMonitor> monitors = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addMonitor(SourceMonitor monitor) {
        monitors.add(monitor);
    }

    void removeMonitor(SourceMonitor monitor) {
        monitors.remove(monitor);
    }

    /** Every source, by kind then name; a monitor that fails is left out (and logged), the others still show. */
    List<SourceStatus> sources() {
        return collect(monitors);
    }

    static List<SourceStatus> collect(List<SourceMonitor> monitors) {
        List<SourceStatus> all = new ArrayList<>();
        for (SourceMonitor m : monitors) {
            try {
                all.addAll(m.sources());
            } catch (RuntimeException e) {
                LOG.warn("An adapter's source status ({}) failed: {}", m.getClass().getName(), e.toString());
            }
        }
        all.sort(Comparator.comparing(SourceStatus::kind).thenComparing(SourceStatus::name));
        return all;
    }
}
