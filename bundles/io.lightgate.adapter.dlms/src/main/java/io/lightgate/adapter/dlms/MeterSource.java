/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.status.SourceMonitor;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * One meter's connection as the SPI's {@link SourceStatus}, kept from the outcome of its
 * scheduled polls (a poll is the meter's only exchange that counts: reads in between join or
 * reuse it). A meter that stops answering is retried at the next poll, whose time
 * {@code nextPoll} tells.
 */
final class MeterSource implements SourceMonitor {

    static final String KIND = "DLMS meter";

    private final String name;
    private final String address;
    private final List<String> endpoints;
    private final String origin;
    private final Clock clock;
    private final Supplier<Instant> nextPoll;

    // guarded by this
    private SourceState state = SourceState.CONNECTING;
    private Instant since;
    private String lastError = "";
    private long reads;
    private long reconnects;
    private boolean everAnswered;

    /**
     * @param endpoints the endpoint the meter feeds (empty: instances under the gateway's own endpoint)
     * @param origin the configuration file or PID, named in the advice of an error
     * @param nextPoll when the next scheduled poll runs, or null when none is
     */
    MeterSource(String name, String address, List<String> endpoints, String origin, Clock clock, Supplier<Instant> nextPoll) {
        this.name = name;
        this.address = address;
        this.endpoints = List.copyOf(endpoints);
        this.origin = origin;
        this.clock = clock;
        this.nextPoll = nextPoll;
        this.since = clock.instant();
    }

    /** A scheduled poll ended: {@code failure} null when the meter answered. */
    synchronized void polled(Throwable failure) {
        if (failure == null) {
            reads++;
            if (state != SourceState.CONNECTED) {
                if (everAnswered) {
                    reconnects++;
                }
                everAnswered = true;
                state = SourceState.CONNECTED;
                since = clock.instant();
            }
            lastError = "";
            return;
        }
        if (state != SourceState.DISCONNECTED) {
            state = SourceState.DISCONNECTED;
            since = clock.instant();
        }
        lastError = describe(failure) + "; check host, port and transport in " + origin
                + " and that the meter is powered and reachable (retried at every poll)";
    }

    @Override
    public synchronized List<SourceStatus> sources() {
        Instant retry = state == SourceState.CONNECTED ? null : nextPoll.get();
        return List.of(new SourceStatus(KIND, name, address, endpoints, state, since, lastError, retry, reads, reconnects));
    }

    private static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
