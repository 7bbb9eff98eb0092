/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The values reported with changes of one observation since its last notification, oldest first,
 * and whether a change came without its value (the next notification then reads). What the next
 * notification takes of them depends on its format and on {@link NotificationBacklog}. Not
 * thread-safe: the observation guards it.
 */
final class UntoldValues {

    /**
     * What a notification takes.
     *
     * @param taken the reported values it carries (a single-value format carries the last; delivery is tracked for all)
     * @param read whether it reads the value now (a change came without its value), which then supersedes every taken one
     * @param superseded how many taken values a single-value notification does not carry (0 when the format carries all)
     */
    record Take(List<Observations.Taken> taken, boolean read, int superseded) {
        static final Take NOTHING = new Take(List.of(), true, 0);
    }

    private final int max;
    private final ArrayDeque<Observations.Taken> values = new ArrayDeque<>();
    private boolean changedUnreported;

    /** {@code max}: values kept; beyond it the oldest go (a server that far behind is reachable and fed the newest). */
    UntoldValues(int max) {
        this.max = Math.max(1, max);
    }

    void add(Observations.Taken value) {
        values.addLast(value);
        if (values.size() > max) {
            values.removeFirst();
        }
    }

    /** A change came without its value: the next notification reads. */
    void changedUnreported() {
        changedUnreported = true;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether a notification has something to tell: a reported value, or a change without its value. */
    boolean pending() {
        return !values.isEmpty() || changedUnreported;
    }

    int size() {
        return values.size();
    }

    /** Everything, oldest first (a format with timestamps carries them all; or they are stored). */
    Take takeAll() {
        return take(true, NotificationBacklog.ALL);
    }

    /**
     * What the next notification takes. {@code all} (SenML): every value. A single-value format: with
     * {@link NotificationBacklog#ALL} the oldest while more wait (the notification after it takes the
     * next, so every value reaches the server in order); with {@link NotificationBacklog#NEWEST} every
     * waiting value, of which the notification carries the newest and the others are superseded.
     */
    Take take(boolean all, NotificationBacklog backlog) {
        if (values.isEmpty()) {
            changedUnreported = false;
            return Take.NOTHING;
        }
        if (!all && values.size() > 1 && backlog == NotificationBacklog.ALL) {
            return new Take(List.of(values.removeFirst()), false, 0); // a change without its value: read by the last one
        }
        boolean read = changedUnreported;
        changedUnreported = false;
        List<Observations.Taken> taken = List.copyOf(values);
        values.clear();
        int superseded = all ? 0 : taken.size() - (read ? 0 : 1);
        return new Take(taken, read, superseded);
    }
}
