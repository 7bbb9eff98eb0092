/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.Locale;
import java.util.Optional;

/**
 * What an observation whose format carries one value (TLV, plain text, opaque, CBOR) sends once values
 * wait behind its notification in transit or its turn in the pacing (setting {@code notifications.backlog}).
 * Observations in SenML carry every waiting value, timestamped, in either case.
 */
enum NotificationBacklog {
    /** Every value, one notification each, oldest first: nothing is lost, a burst arrives later (the default). */
    ALL,
    /**
     * The newest waiting value only (RFC 7641 §3.4, §4.5.2: a notifier may skip states): the server sees
     * the current value soon, the values in between are superseded and counted. Delivery is tracked for
     * all of them, so a notification the server does not acknowledge still stores every one (store and forward).
     */
    NEWEST;

    /** The setting's value in etc/ for this mode. */
    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a setting names ({@code all} or {@code newest}, any case, blanks around ignored); empty for anything else. */
    static Optional<NotificationBacklog> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        for (NotificationBacklog b : values()) {
            if (b.settingValue().equalsIgnoreCase(v)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
