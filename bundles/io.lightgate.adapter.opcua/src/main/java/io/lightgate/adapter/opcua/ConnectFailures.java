/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

/**
 * How loud a failed connection attempt is. A server that is not up yet when the gateway starts
 * is normal for a moment (both boot together; the demo's simulator still binds its port): while
 * its port takes no connection, before the first connection and within {@code graceMs} of the
 * start, a failure is news at INFO. Any other failure (a server that answers and refuses the
 * gateway's certificate or identity) and one past that time is a WARN once, and again only when
 * its reason changes; the same failure repeated is DEBUG. Not thread-safe (confined to the
 * connection's executor).
 */
final class ConnectFailures {

    enum Level { WARN, INFO, DEBUG }

    private final long startMs;
    private final long graceMs;
    private String reported = "";
    private boolean warned;

    ConnectFailures(long startMs, long graceMs) {
        this.startMs = startMs;
        this.graceMs = Math.max(0, graceMs);
    }

    /**
     * The level for a failed attempt with {@code error} at {@code nowMs}.
     *
     * @param notUpYet the server's port took no connection, and there never was one
     */
    Level failed(String error, boolean notUpYet, long nowMs) {
        if (notUpYet && nowMs - startMs < graceMs) {
            if (error.equals(reported)) {
                return Level.DEBUG;
            }
            reported = error;
            return Level.INFO;
        }
        if (warned && error.equals(reported)) {
            return Level.DEBUG;
        }
        reported = error;
        warned = true;
        return Level.WARN;
    }

    /** Connected: the next failure (after a loss) is news again. */
    void connected() {
        reported = "";
        warned = false;
    }

    long graceMs() {
        return graceMs;
    }
}
