/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications held while the endpoint sleeps toward a server in queue mode, per server: which
 * observations have something to tell (in the order they first had), and the values they read
 * meanwhile. The first held notification means the endpoint must wake up (an Update); once the
 * server takes it, the held observations notify as usual, each with its value of then (values in
 * between are superseded, as a fresher notification of a relation replaces a postponed one on the
 * live path). Should the server not take it, the values read meanwhile go to store-and-forward,
 * in order, as notifications in flight when a server turns out unreachable do: nothing is lost
 * that store-and-forward would keep. Thread-safe.
 * <p>
 * Why not hold them in store-and-forward's queue: it forwards as Send, which the server's
 * observations never see (its application waits for notifications that do not come) and which a
 * server without Send refuses, dropping the values; and in queue mode nearly every notification
 * would take that path, as the endpoint sleeps most of the time. A sleeping endpoint is not an
 * unreachable server: the wake-up is one Update away, so its notifications stay notifications.
 *
 * @param <S> the server (a registration)
 * @param <W> an observation
 */
final class HeldNotifications<S, W> {

    /** What a released hold had: the observations in order, the values read for them, the observations without a value read yet. */
    record Released<W>(List<W> watches, List<StoredValue> values, List<W> withoutValues) {
        static <W> Released<W> none() {
            return new Released<>(List.of(), List.of(), List.of());
        }

        boolean isEmpty() {
            return watches.isEmpty();
        }
    }

    private static final class Hold<W> {
        final Set<W> watches = new LinkedHashSet<>();
        final Set<W> read = new LinkedHashSet<>();
        final ArrayDeque<StoredValue> values = new ArrayDeque<>();
        long dropped;
    }

    private final int maxValuesPerServer;
    private final Map<S, Hold<W>> holds = new HashMap<>();

    /** {@code maxValuesPerServer}: values kept per hold; beyond it the oldest go (counted, see {@link #dropped}). */
    HeldNotifications(int maxValuesPerServer) {
        this.maxValuesPerServer = Math.max(1, maxValuesPerServer);
    }

    /**
     * An observation has something to tell while the endpoint sleeps toward {@code server}.
     *
     * @return true if this starts the hold of that server: the endpoint must wake up
     */
    synchronized boolean hold(S server, W watch) {
        boolean first = !holds.containsKey(server);
        holds.computeIfAbsent(server, s -> new Hold<>()).watches.add(watch);
        return first;
    }

    /** Whether notifications to {@code server} are held (until {@link #release}). */
    synchronized boolean holding(S server) {
        return holds.containsKey(server);
    }

    /**
     * The values a held observation read. Ignored when the hold was released meanwhile: the
     * observation then notified (or stored) its value of that moment, no older than these.
     *
     * @return whether they were kept
     */
    synchronized boolean read(S server, W watch, List<StoredValue> values) {
        Hold<W> hold = holds.get(server);
        if (hold == null || !hold.watches.contains(watch)) {
            return false;
        }
        hold.read.add(watch);
        for (StoredValue v : values) {
            if (hold.values.size() >= maxValuesPerServer) {
                hold.values.pollFirst();
                hold.dropped++;
            }
            hold.values.addLast(v);
        }
        return true;
    }

    /** Values of the current hold of {@code server} dropped because it was full. */
    synchronized long dropped(S server) {
        Hold<W> hold = holds.get(server);
        return hold == null ? 0 : hold.dropped;
    }

    /** Ends the hold of {@code server} (it took the wake-up, or turned out unreachable): what it had. */
    synchronized Released<W> release(S server) {
        Hold<W> hold = holds.remove(server);
        if (hold == null) {
            return Released.none();
        }
        List<W> withoutValues = new ArrayList<>();
        for (W w : hold.watches) {
            if (!hold.read.contains(w)) {
                withoutValues.add(w);
            }
        }
        return new Released<>(List.copyOf(hold.watches), List.copyOf(hold.values), List.copyOf(withoutValues));
    }
}
