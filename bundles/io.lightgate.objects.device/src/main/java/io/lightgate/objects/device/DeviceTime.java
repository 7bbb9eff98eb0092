/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * The Device object's view of time (resources 13, 14 and 15). A gateway process must not set
 * the host clock, so a written Current Time becomes an offset against it; the time zone and
 * UTC offset servers write are kept as labels. Immutable: every write makes a new value.
 *
 * @param offset what is added to the host clock to give the Current Time
 * @param zone the IANA time zone reported in resource 15
 * @param utcOffset the UTC offset a server wrote, or {@code null} to report the zone's
 *        offset in effect now (so daylight saving time is followed)
 */
record DeviceTime(Duration offset, ZoneId zone, ZoneOffset utcOffset) {

    DeviceTime {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(zone, "zone");
    }

    /** The host's view: no offset, the JVM's default zone and its current UTC offset. */
    static DeviceTime ofHost() {
        return new DeviceTime(Duration.ZERO, ZoneId.systemDefault(), null);
    }

    /** The Current Time: the host clock plus the offset. */
    Instant now(Clock clock) {
        return clock.instant().plus(offset);
    }

    /** After a server wrote {@code serverTime}: the offset that makes {@link #now} report it. */
    DeviceTime withCurrentTime(Instant serverTime, Clock clock) {
        return new DeviceTime(Duration.between(clock.instant(), serverTime), zone, utcOffset);
    }

    /** The UTC offset in ISO 8601 form, {@code +01:00} (UTC is {@code +00:00}, not {@code Z}). */
    String utcOffsetText(Clock clock) {
        ZoneOffset o = utcOffset != null ? utcOffset : zone.getRules().getOffset(now(clock));
        return o == ZoneOffset.UTC ? "+00:00" : o.getId();
    }

    /**
     * After a server wrote the UTC offset: accepts {@code +01:00}, {@code -0530}, {@code +1},
     * {@code Z}, optionally prefixed with {@code UTC} or {@code GMT}.
     *
     * @throws IllegalArgumentException when the text is no UTC offset
     */
    DeviceTime withUtcOffset(String text) {
        String t = text.strip();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.startsWith("UTC") || upper.startsWith("GMT")) {
            t = t.substring(3);
        }
        try {
            return new DeviceTime(offset, zone, t.isEmpty() ? ZoneOffset.UTC : ZoneOffset.of(t));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a UTC offset like +01:00");
        }
    }

    /**
     * After a server wrote the time zone: only IANA region names are accepted
     * ({@code Europe/Berlin}, {@code UTC}), not bare offsets.
     *
     * @throws IllegalArgumentException when the name is not a known IANA zone
     */
    DeviceTime withZone(String name) {
        String n = name.strip();
        if (!ZoneId.getAvailableZoneIds().contains(n)) {
            throw new IllegalArgumentException("'" + name + "' is not a known IANA time zone");
        }
        return new DeviceTime(offset, ZoneId.of(n), utcOffset);
    }
}
