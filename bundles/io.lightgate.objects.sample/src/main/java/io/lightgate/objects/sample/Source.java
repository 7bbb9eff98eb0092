/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import java.util.Locale;

/** Where temperature instances come from. */
enum Source {
    /** The host's thermal zones when there are any, else simulated. */
    AUTO,
    /** Only the host's thermal zones. */
    THERMAL,
    /** Only simulated sensors. */
    SIMULATED;

    /**
     * Reads the configured spelling, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    static Source parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("source '" + text + "' is not one of auto, thermal, simulated");
        }
    }
}
