/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands of the engine: {@code lwm2m:registrations} (per endpoint and server: state, in
 * queue mode with /awake or /asleep, location, last successful exchange, values superseded by
 * newer ones under {@code notifications.backlog = newest}, observations) and
 * {@code lwm2m:update} (send a Registration Update now).
 */
@Component(service = EngineCommands.class, property = {
        "osgi.command.scope=lwm2m",
        "osgi.command.function=registrations",
        "osgi.command.function=update" })
public final class EngineCommands {

    private final Lwm2mClientEngine engine;

    @Activate
    public EngineCommands(@Reference Lwm2mClientEngine engine) {
        this.engine = engine;
    }

    /** Every endpoint's registrations. */
    public String registrations() {
        StringBuilder out = new StringBuilder(String.format("%-28s %-34s %-14s %-16s %-10s %-12s %s%n",
                "ENDPOINT", "SERVER", "STATE", "LOCATION", "LAST OK", "SUPERSEDED", "OBSERVATIONS"));
        for (ClientEndpoint e : engine.endpoints()) {
            if (e.registrations().isEmpty()) {
                out.append(String.format("%-28s %s%n", e.name(), "(no server configured for this endpoint)"));
            }
            for (Registration r : e.registrations()) {
                Instant last = r.lastSuccess();
                String ago = last == null ? "-" : Duration.between(last, Instant.now()).toSeconds() + " s ago";
                // queue mode: whether the endpoint listens to the server now
                String state = r.state().toString() + (r.queueMode() ? (r.asleep() ? "/asleep" : "/awake") : "")
                        + (r.lastError().isEmpty() ? "" : " (" + r.lastError() + ")");
                // SUPERSEDED: values newer ones replaced while they waited (notifications.backlog = newest);
                // OBSERVATIONS stays the last column, which scripts (and EtsClientIT) read
                out.append(String.format("%-28s %-34s %-14s %-16s %-10s %-12d %d%n", e.name(), r.server().uri() + " #" + r.server().shortServerId(),
                        state, r.location() == null ? "-" : r.location(), ago, e.supersededNotifications(r), e.observationCount(r)));
            }
        }
        return out.toString();
    }

    /** Sends a Registration Update for every registration of an endpoint. */
    public String update(String endpoint) {
        for (ClientEndpoint e : engine.endpoints()) {
            if (e.name().equals(endpoint)) {
                e.registrations().forEach(Registration::triggerUpdate);
                return "Update sent to " + e.registrations().size() + " server(s)\n";
            }
        }
        return "No endpoint '" + endpoint + "'\n";
    }
}
