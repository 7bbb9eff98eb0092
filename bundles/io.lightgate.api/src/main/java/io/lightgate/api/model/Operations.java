/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.model;

import java.util.Locale;

/** What a resource allows: read, write, both, execute, or nothing (DDF {@code <Operations>}). */
public enum Operations {
    NONE, R, W, RW, E;

    public boolean isReadable() { return this == R || this == RW; }
    public boolean isWritable() { return this == W || this == RW; }
    public boolean isExecutable() { return this == E; }

    /** Reads the DDF spelling ("R", "RW", "E", "" ...). */
    public static Operations fromDdf(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        switch (t) {
            case "": return NONE;
            case "R": return R;
            case "W": return W;
            case "RW": case "WR": return RW;
            case "E": return E;
            default: throw new IllegalArgumentException("unknown operations '" + text + "'");
        }
    }
}
