/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every value the driver set and what the server received of it, per endpoint: values are
 * 1, 2, 3, ... per endpoint, so a value names its change. A value counts as delivered when it
 * arrived live (a notification) or forwarded (LwM2M Send, with its timestamp), once or more.
 * Thread-safe: the driver writes the changes, the server's threads the arrivals.
 */
final class Ledger implements BenchServer.Sink {

    /** Tolerance for a forwarded value's stamp against its change interval (clock granularity, scheduling). */
    private static final long STAMP_SLACK_MILLIS = 20;

    private final String prefix;
    private final int capacity;
    /** Highest value set per endpoint. */
    final AtomicLongArray set;
    /** Highest value the implementation read per endpoint (Fleet.start's reads). */
    final AtomicLongArray reads;
    private final long[][] changedAtNanos;
    private final long[][] firstArrivalNanos;
    private final int[][] live;
    private final int[][] forwarded;
    private final long[] lastForwardedValue;
    private final long[] lastForwardedStamp;
    private final boolean[][] replacedBeforeRead;
    private final long wallAtStart = System.currentTimeMillis();
    private final long nanoAtStart = System.nanoTime();
    private long outOfOrder;
    private long stampedOutside;
    private long arrivals;
    private long[] liveLatencies = new long[1 << 16];
    private int liveLatencyCount;
    private volatile long lastArrivalNanos;
    private final java.util.List<String> orderEvents = new java.util.ArrayList<>();

    Ledger(String prefix, int endpoints, int capacity) {
        this.prefix = prefix;
        this.capacity = capacity;
        this.set = new AtomicLongArray(endpoints);
        this.reads = new AtomicLongArray(endpoints);
        this.changedAtNanos = new long[endpoints][capacity + 2];
        this.firstArrivalNanos = new long[endpoints][capacity + 2];
        this.live = new int[endpoints][capacity + 2];
        this.forwarded = new int[endpoints][capacity + 2];
        this.replacedBeforeRead = new boolean[endpoints][capacity + 2];
        this.lastForwardedValue = new long[endpoints];
        this.lastForwardedStamp = new long[endpoints];
    }

    int endpoints() {
        return set.length();
    }

    /**
     * Called by the driver just before it sets the next value of endpoint i; returns that value,
     * or -1 when the ledger is full. Notes whether the value it replaces was read at all.
     */
    long next(int i) {
        long previous = set.get(i);
        long value = previous + 1;
        if (value > capacity) {
            return -1;
        }
        if (previous > 0 && reads.get(i) < previous) {
            replacedBeforeRead[i][(int) previous] = true;
        }
        changedAtNanos[i][(int) value] = System.nanoTime();
        set.set(i, value);
        return value;
    }

    private int index(String endpoint) {
        if (!endpoint.startsWith(prefix)) {
            return -1;
        }
        try {
            int i = Integer.parseInt(endpoint.substring(prefix.length()));
            return i >= 0 && i < set.length() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public synchronized void notified(String endpoint, long value) {
        int i = index(endpoint);
        if (i < 0 || value < 1 || value > capacity) {
            return; // e.g. the initial 0 of an Observe
        }
        long now = System.nanoTime();
        int v = (int) value;
        if (live[i][v]++ == 0 && forwarded[i][v] == 0) {
            firstArrivalNanos[i][v] = now;
            if (liveLatencyCount == liveLatencies.length) {
                liveLatencies = Arrays.copyOf(liveLatencies, liveLatencies.length * 2);
            }
            liveLatencies[liveLatencyCount++] = now - changedAtNanos[i][v];
        }
        arrivals++;
        lastArrivalNanos = now;
    }

    @Override
    public synchronized void sent(String endpoint, long value, Instant timestamp) {
        int i = index(endpoint);
        if (i < 0 || value < 1 || value > capacity) {
            return;
        }
        long now = System.nanoTime();
        int v = (int) value;
        if (forwarded[i][v]++ == 0 && live[i][v] == 0) {
            firstArrivalNanos[i][v] = now;
        }
        long stamp = timestamp.toEpochMilli();
        // the same value forwarded again (read twice) is a duplicate, not out of order
        if (value < lastForwardedValue[i] || stamp < lastForwardedStamp[i]) {
            outOfOrder++;
            if (orderEvents.size() < 20) {
                orderEvents.add(String.format(java.util.Locale.ROOT, "%s: %d (stamp %s) forwarded after %d (stamp %s)", endpoint, value,
                        timestamp, lastForwardedValue[i], Instant.ofEpochMilli(lastForwardedStamp[i])));
            }
        }
        lastForwardedValue[i] = Math.max(lastForwardedValue[i], value);
        lastForwardedStamp[i] = Math.max(lastForwardedStamp[i], stamp);
        // read (and stamped) after its change and, when read in time, before the next change
        long changed = wall(changedAtNanos[i][v]);
        long next = v + 1 <= set.get(i) ? wall(changedAtNanos[i][v + 1]) : Long.MAX_VALUE;
        if (stamp < changed - STAMP_SLACK_MILLIS || (!replacedBeforeRead[i][v] && stamp > next + STAMP_SLACK_MILLIS)) {
            stampedOutside++;
        }
        arrivals++;
        lastArrivalNanos = now;
    }

    private long wall(long nanos) {
        return wallAtStart + (nanos - nanoAtStart) / 1_000_000;
    }

    synchronized long arrivals() {
        return arrivals;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** Latencies (ns) of values that arrived live, from index {@code from} on. */
    synchronized long[] liveLatencies(int from) {
        return Arrays.copyOfRange(liveLatencies, Math.min(from, liveLatencyCount), liveLatencyCount);
    }

    synchronized int liveLatencyCount() {
        return liveLatencyCount;
    }

    /** What arrived of the values (from, to] of every endpoint, given per endpoint. */
    synchronized Count count(long[] from, long[] to) {
        long changes = 0, delivered = 0, viaLive = 0, viaSend = 0, duplicates = 0, missing = 0, notRead = 0, missingNotRead = 0;
        long lastArrival = 0;
        for (int i = 0; i < set.length(); i++) {
            for (long value = from[i] + 1; value <= Math.min(to[i], capacity); value++) {
                int v = (int) value;
                changes++;
                int l = live[i][v], f = forwarded[i][v];
                if (replacedBeforeRead[i][v]) {
                    notRead++;
                }
                if (l + f == 0) {
                    missing++;
                    if (replacedBeforeRead[i][v]) {
                        missingNotRead++;
                    }
                    continue;
                }
                delivered++;
                if (l > 0) {
                    viaLive++;
                } else {
                    viaSend++;
                }
                duplicates += l + f - 1;
                lastArrival = Math.max(lastArrival, firstArrivalNanos[i][v]);
            }
        }
        return new Count(changes, delivered, viaLive, viaSend, duplicates, missing, notRead, missingNotRead, lastArrival);
    }

    /** The earliest first arrival (nanoTime) of a value of endpoint i after {@code since}; Long.MAX_VALUE if none. */
    synchronized long firstArrivalAfter(int i, long since) {
        long best = Long.MAX_VALUE;
        for (long t : firstArrivalNanos[i]) {
            if (t > since && t < best) {
                best = t;
            }
        }
        return best;
    }

    /**
     * For a report: the first missing and duplicated values of (from, to] of endpoint i, with the
     * time of their change relative to {@code zeroNanos}, and the first out-of-order forwards.
     */
    synchronized String describe(int i, long from, long to, long zeroNanos) {
        StringBuilder missing = new StringBuilder();
        StringBuilder dup = new StringBuilder();
        int m = 0, d = 0;
        for (long value = from + 1; value <= Math.min(to, capacity); value++) {
            int v = (int) value;
            String at = String.format(java.util.Locale.ROOT, "%.2f s", (changedAtNanos[i][v] - zeroNanos) / 1e9);
            if (live[i][v] + forwarded[i][v] == 0 && m++ < 40) {
                missing.append(value).append(replacedBeforeRead[i][v] ? "*" : "").append(" (").append(at).append(") ");
            }
            if (live[i][v] + forwarded[i][v] > 1 && d++ < 20) {
                dup.append(value).append(" (").append(at).append(": ").append(live[i][v]).append(" live, ").append(forwarded[i][v])
                        .append(" sent) ");
            }
        }
        return "missing " + m + (m > 0 ? ": " + missing.toString().strip() : "") + "; duplicated " + d + (d > 0 ? ": " + dup.toString().strip() : "")
                + (orderEvents.isEmpty() ? "" : "; out of order: " + String.join("; ", orderEvents));
    }

    /**
     * Values that never arrived, by the window of {@code windowNanos} from {@code startNanos} in
     * which they were changed: [missing, of them replaced before read] per window.
     */
    synchronized long[][] missingByWindow(long startNanos, long windowNanos, int windows) {
        long[][] out = new long[windows][2];
        for (int i = 0; i < set.length(); i++) {
            for (int v = 1; v <= Math.min(set.get(i), capacity); v++) {
                if (live[i][v] + forwarded[i][v] == 0) {
                    int w = (int) Math.max(0, Math.min(windows - 1, (changedAtNanos[i][v] - startNanos) / windowNanos));
                    out[w][0]++;
                    if (replacedBeforeRead[i][v]) {
                        out[w][1]++;
                    }
                }
            }
        }
        return out;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    synchronized long stampedOutside() {
        return stampedOutside;
    }

    long[] snapshot() {
        long[] s = new long[set.length()];
        for (int i = 0; i < s.length; i++) {
            s[i] = set.get(i);
        }
        return s;
    }

    /**
     * {@code viaLive}: delivered at least once live; {@code viaSend}: only forwarded.
     * {@code notRead}: replaced by the next value before the implementation read it (no
     * implementation could deliver those; {@code missingNotRead} of them are missing).
     * {@code lastArrivalNanos}: first arrival of the value that arrived last (0: none).
     */
    record Count(long changes, long delivered, long viaLive, long viaSend, long duplicates, long missing, long notRead,
            long missingNotRead, long lastArrivalNanos) {
    }
}
