/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a server keeps an endpoint's registration (the Location-Path of its 2.01 answer), as
 * stored at the Register. After a restart the endpoint sends an Update there instead of a new
 * Register while the lifetime counted from that Register has not run out; the Updates that
 * renewed it since are not stored (one write per Register, not per Update).
 *
 * @param location the registration's path at the server, e.g. {@code /rd/5a3f}
 * @param registeredAt when the server answered the Register
 * @param lifetime the lifetime the Register asked for
 */
record StoredRegistration(String location, Instant registeredAt, Duration lifetime) {

    StoredRegistration {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(lifetime, "lifetime");
        if (!location.startsWith("/") || location.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a registration location is a path without spaces: '" + location + "'");
        }
    }

    /** Whether the server still holds the registration at {@code now}, as far as the stored Register tells. */
    boolean liveAt(Instant now) {
        return now.isBefore(registeredAt.plus(lifetime));
    }

    /** {@code <location> <epoch millis> <lifetime seconds>}: the stored form. */
    String encode() {
        return location + " " + registeredAt.toEpochMilli() + " " + lifetime.toSeconds();
    }

    /**
     * The stored form read back.
     *
     * @throws IllegalArgumentException when it is not what {@link #encode()} writes
     */
    static StoredRegistration decode(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected '<location> <registered at> <lifetime>', got '" + text + "'");
        }
        return new StoredRegistration(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])), Duration.ofSeconds(Long.parseLong(parts[2])));
    }
}
