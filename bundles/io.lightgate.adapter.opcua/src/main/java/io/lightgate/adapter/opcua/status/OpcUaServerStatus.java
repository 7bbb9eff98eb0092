/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua.status;

import java.time.Instant;

/**
 * The connection state of one configured OPC UA server, registered as a service per server
 * configuration (service properties {@value #ENDPOINT_URL}, {@value #STATE}), for consoles,
 * health checks and tests. A snapshot: get the service again for a newer one.
 */
public interface OpcUaServerStatus {

    /** Service property: the configured endpoint URL. */
    String ENDPOINT_URL = "opcua.endpoint.url";

    /** Service property: the {@link State} name. */
    String STATE = "opcua.state";

    /** Connection states. */
    enum State {
        /** The first connection attempt is under way. */
        CONNECTING,
        /** A session is active and the subscription runs. */
        CONNECTED,
        /** No session (the server is away, refuses us, or has not been reached yet); retried with backoff. */
        DISCONNECTED,
        /** The configuration was withdrawn. */
        CLOSED
    }

    /** Where the configuration came from (the etc/ file, or the PID). */
    String configuration();

    String endpointUrl();

    /** The LwM2M endpoint name; empty until it is known (derived names need a first connection). */
    String endpointName();

    State state();

    /** Since when the state holds. */
    Instant since();

    /** Why the last attempt or the session failed, with what to do about it; empty when none. */
    String lastError();
}
