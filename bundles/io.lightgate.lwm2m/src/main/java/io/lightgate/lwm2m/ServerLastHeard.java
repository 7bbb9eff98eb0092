/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When any endpoint of the engine last received something (an ACK, a response, a request) from
 * each server, by the server's address. One server serves all the gateway's endpoints, so what
 * one endpoint hears tells the others the server is there: a notification one endpoint gets no
 * ACK for, while others do, was lost to congestion rather than to an outage (see
 * {@link NotificationRetransmissions}).
 * <p>
 * {@link #heard} runs for every message a server sends: one map lookup and one volatile write,
 * no lock, no allocation (but the first time per server). Thread-safe.
 */
final class ServerLastHeard {

    /** The time the server was last heard from; one per server address, never removed (a gateway has few servers). */
    private static final class LastHeard {
        volatile long at;
    }

    private final LongSupplier nanoClock;
    private final Map<InetSocketAddress, LastHeard> servers = new ConcurrentHashMap<>();

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests) */
    ServerLastHeard(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The clock heard times are read on; stamp a message's sending with it to compare. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** Some endpoint received a message from the server at {@code server}. */
    void heard(InetSocketAddress server) {
        LastHeard last = servers.get(server);
        if (last == null) {
            last = servers.computeIfAbsent(server, s -> new LastHeard());
        }
        last.at = nanoClock.getAsLong();
    }

    /** Whether any endpoint received a message from the server at {@code server} after {@code since} (a {@link #now} time). */
    boolean heardSince(InetSocketAddress server, long since) {
        LastHeard last = server == null ? null : servers.get(server);
        return last != null && last.at - since > 0;
    }
}
