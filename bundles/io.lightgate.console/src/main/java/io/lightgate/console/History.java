/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recent past of numeric values, in bounded memory: per series a ring buffer of at most
 * {@code maxPoints} points no older than {@code maxAgeMillis}, and at most {@code maxSeries}
 * series. Points closer together than {@code maxAgeMillis / maxPoints} are merged (the newer
 * value replaces the last point), so a full buffer still spans the whole period. When the
 * series are all taken, a series whose newest point has aged out makes room; otherwise new
 * series are refused (and {@link #record} says so). Thread-safe (one lock: a record is a few
 * array writes).
 */
final class History {

    /** One point: epoch milliseconds and the value. */
    record Point(long at, double value) {
    }

    private static final int INITIAL_CAPACITY = 16;

    private final long maxAgeMillis;
    private final int maxPoints;
    private final int maxSeries;
    private final long resolutionMillis;
    private final Map<String, Series> series = new HashMap<>();

    History(long maxAgeMillis, int maxPoints, int maxSeries) {
        if (maxAgeMillis <= 0 || maxPoints < 2 || maxSeries < 1) {
            throw new IllegalArgumentException("history bounds must be positive (age " + maxAgeMillis + " ms, " + maxPoints
                    + " points, " + maxSeries + " series)");
        }
        this.maxAgeMillis = maxAgeMillis;
        this.maxPoints = maxPoints;
        this.maxSeries = maxSeries;
        this.resolutionMillis = maxAgeMillis / maxPoints;
    }

    /**
     * Adds a point to a series (made on first use).
     *
     * @return false when the series is new and every series slot is taken by a live series
     */
    synchronized boolean record(String key, long at, double value) {
        Series s = series.get(key);
        if (s == null) {
            if (series.size() >= maxSeries && !evictAgedSeries(at)) {
                return false;
            }
            s = new Series();
            series.put(key, s);
        }
        s.add(at, value);
        return true;
    }

    /** The points of a series no older than the age bound at {@code now}, oldest first; empty when unknown. */
    synchronized Optional<List<Point>> points(String key, long now) {
        Series s = series.get(key);
        if (s == null) {
            return Optional.empty();
        }
        s.dropOlderThan(now - maxAgeMillis);
        return Optional.of(s.points());
    }

    /** Forgets the series whose key starts with this prefix (e.g. an endpoint's). */
    synchronized void forget(String keyPrefix) {
        series.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }

    synchronized int seriesCount() {
        return series.size();
    }

    private boolean evictAgedSeries(long now) {
        long oldest = now - maxAgeMillis;
        int before = series.size();
        series.values().removeIf(s -> s.size == 0 || s.newest() < oldest);
        return series.size() < before;
    }

    /** A ring buffer of (time, value) in two primitive arrays that grow up to maxPoints. */
    private final class Series {
        private long[] times = new long[Math.min(INITIAL_CAPACITY, maxPoints)];
        private double[] values = new double[times.length];
        private int start;
        private int size;

        void add(long at, double value) {
            dropOlderThan(at - maxAgeMillis);
            if (size > 0 && at - newest() < resolutionMillis) {
                int last = index(size - 1);
                values[last] = value; // merged into the last point: keeps the newest value at the point's time
                return;
            }
            if (size == times.length) {
                if (times.length < maxPoints) {
                    grow();
                } else {
                    start = (start + 1) % times.length; // full: the oldest point goes
                    size--;
                }
            }
            int i = index(size);
            times[i] = at;
            values[i] = value;
            size++;
        }

        long newest() {
            return times[index(size - 1)];
        }

        void dropOlderThan(long limit) {
            while (size > 0 && times[start] < limit) {
                start = (start + 1) % times.length;
                size--;
            }
        }

        List<Point> points() {
            List<Point> list = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                int i = index(k);
                list.add(new Point(times[i], values[i]));
            }
            return list;
        }

        private int index(int k) {
            return (start + k) % times.length;
        }

        private void grow() {
            int capacity = Math.min(maxPoints, times.length * 2);
            long[] t = new long[capacity];
            double[] v = new double[capacity];
            for (int k = 0; k < size; k++) {
                t[k] = times[index(k)];
                v[k] = values[index(k)];
            }
            times = t;
            values = v;
            start = 0;
        }
    }
}
