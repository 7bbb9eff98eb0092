/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Instant;
import java.util.List;

/** One OPC UA server's connection as the SPI's {@link SourceStatus} (what the console's Adapters section shows). */
final class SourceReport {

    static final String KIND = "OPC UA server";

    private SourceReport() {
    }

    /**
     * @param name the configuration's name (its file or PID)
     * @param status the adapter's own status snapshot
     * @param retryAt the next connection attempt, or null
     * @param sessions sessions established since start
     * @param reconnects sessions established again after one was lost
     */
    static SourceStatus of(String name, OpcUaServerStatus status, Instant retryAt, long sessions, long reconnects) {
        SourceState state = switch (status.state()) {
            case CONNECTING -> SourceState.CONNECTING;
            case CONNECTED -> SourceState.CONNECTED;
            case DISCONNECTED, CLOSED -> SourceState.DISCONNECTED;
        };
        String error = status.lastError();
        if (state == SourceState.DISCONNECTED && !error.isEmpty() && !error.contains(" in ") && !error.contains("reconnecting")) {
            // a transport error (refused, timed out) says nothing about what to do
            error = error + " (check that the server runs and endpoint.url is right in " + status.configuration() + ")";
        }
        return new SourceStatus(KIND, name, status.endpointUrl(),
                status.endpointName().isEmpty() ? List.of() : List.of(status.endpointName()), state, status.since(), error,
                state == SourceState.CONNECTED ? null : retryAt, sessions, reconnects);
    }
}
