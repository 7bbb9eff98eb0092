/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One endpoint's registration with one northbound LwM2M server, as {@code lwm2m:registrations} shows it.
 *
 * @param endpoint the endpoint's name
 * @param serverUri the server's URI
 * @param shortServerId the server's short server id
 * @param state IDLE, REGISTERING, REGISTERED, UPDATING, WAITING_RETRY, DISABLED, NO_CREDENTIALS or STOPPED
 * @param queueMode true in queue mode; then {@code asleep} says whether the endpoint listens now
 * @param asleep true when a queue-mode endpoint does not listen to the server now
 * @param location the registration's location at the server (e.g. {@code /rd/5}), null when not registered
 * @param lastExchange the last successful exchange with the server, null when none
 * @param lastError why the last attempt failed, empty when it did not
 * @param failures failed attempts in a row
 * @param retryAt when the next attempt goes out, null when none is waiting
 * @param observations observations the server holds at this endpoint
 * @param supersededNotifications values of single-value observations that notifications to the server did not carry
 *            because a newer value was waiting (engine setting {@code notifications.backlog = newest}); 0 otherwise
 *            (since 1.2)
 */
public record RegistrationStatus(String endpoint, String serverUri, int shortServerId, String state, boolean queueMode,
        boolean asleep, String location, Instant lastExchange, String lastError, int failures, Instant retryAt, int observations,
        long supersededNotifications) {

    /**
     * A status without the count of superseded values (0), as before 1.2.
     */
    public RegistrationStatus(String endpoint, String serverUri, int shortServerId, String state, boolean queueMode,
            boolean asleep, String location, Instant lastExchange, String lastError, int failures, Instant retryAt, int observations) {
        this(endpoint, serverUri, shortServerId, state, queueMode, asleep, location, lastExchange, lastError, failures, retryAt,
                observations, 0);
    }

    public RegistrationStatus {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(state, "state");
        lastError = lastError == null ? "" : lastError;
    }
}
