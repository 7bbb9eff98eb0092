/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One southbound source of an adapter (an OPC UA server, a meter) and its connection, as a
 * console shows it.
 *
 * @param kind what the source is, for people: e.g. {@code OPC UA server}, {@code DLMS meter}
 * @param name the source's name in its configuration (e.g. the configuration file or PID)
 * @param address where the adapter reaches it: a URL ({@code opc.tcp://host:4840}), {@code host:port}, a serial port
 * @param endpoints the LwM2M endpoints it feeds; empty while not known yet
 * @param state the connection's state
 * @param since when the connection entered {@code state}
 * @param lastError why the last attempt failed and what to do about it; empty when nothing failed
 * @param retryAt when the adapter tries again, null when no attempt is waiting
 * @param reads successful reads or polls (or sessions) since the adapter started, as the adapter counts them
 * @param reconnects how often the source came back after it was lost
 */
public record SourceStatus(String kind, String name, String address, List<String> endpoints, SourceState state, Instant since,
        String lastError, @Nullable Instant retryAt, long reads, long reconnects) {

    public SourceStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        endpoints = List.copyOf(endpoints);
        lastError = lastError == null ? "" : lastError;
    }
}
