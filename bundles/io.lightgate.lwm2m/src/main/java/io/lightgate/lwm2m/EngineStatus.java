/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.status.RegistrationMonitor;
import io.lightgate.api.status.RegistrationStatus;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The engine's registrations as plain values (what {@code lwm2m:registrations} prints), for the web console. */
@Component(service = RegistrationMonitor.class)
public final class EngineStatus implements RegistrationMonitor {

    private final Lwm2mClientEngine engine;

    @Activate
    public EngineStatus(@Reference Lwm2mClientEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<RegistrationStatus> registrations() {
        List<RegistrationStatus> list = new ArrayList<>();
        for (ClientEndpoint e : engine.endpoints()) {
            for (Registration r : e.registrations()) {
                list.add(new RegistrationStatus(e.name(), r.server().uri().toString(), r.server().shortServerId(), r.state().name(),
                        r.queueMode(), r.asleep(), r.location(), r.lastSuccess(), r.lastError(), r.failures(), r.retryAt(),
                        e.observationCount(r), e.supersededNotifications(r)));
            }
        }
        return list;
    }

    @Override
    public List<String> endpoints() {
        return engine.endpoints().stream().map(ClientEndpoint::name).toList();
    }
}
