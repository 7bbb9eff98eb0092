/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import java.util.Locale;

/** How APDUs travel over TCP. */
public enum TransportKind {
    /** IEC 62056-47 WRAPPER (meters with an Ethernet/cellular module, port 4059). */
    WRAPPER,
    /** IEC 62056-46 HDLC frames over TCP (serial meters behind a serial-to-IP converter). */
    HDLC;

    public static TransportKind parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport '" + text + "' is neither wrapper nor hdlc", e);
        }
    }
}
