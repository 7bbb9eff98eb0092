/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Locale;

/**
 * Authentication mechanisms of an association (the mechanism-name OID's last arc). Lowest
 * and low-level security are implemented; the high-level ones are named so configuration and
 * AARE parsing can report them, and so the association code has a place for the challenge
 * exchange (reply_to_HLS_authentication) once a mechanism is implemented.
 */
public enum Authentication {
    NONE(0), LOW(1), HIGH(2), HIGH_MD5(3), HIGH_SHA1(4), HIGH_GMAC(5), HIGH_SHA256(6), HIGH_ECDSA(7);

    private final int id;

    Authentication(int id) {
        this.id = id;
    }

    public int id() { return id; }

    public static Authentication ofId(int id) throws DlmsProtocolException {
        for (Authentication a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        throw new DlmsProtocolException("unknown authentication mechanism " + id);
    }

    /** Parses a configuration value: none, low, high, high-md5, ... (case-insensitive). */
    public static Authentication parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("LOWEST")) {
            return NONE;
        }
        return valueOf(t);
    }
}
