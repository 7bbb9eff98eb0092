/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps the notifications from one endpoint to one server within what CoAP can carry. Every
 * message to a peer takes a message ID that may not be reused for EXCHANGE_LIFETIME (247 s), so
 * one socket can send a peer at most 65,000 messages in that time (the IDs from 65,000 up are
 * Californium's for multicast, see {@link MessageIdBudget}), about 263 per second
 * sustained; beyond that Californium refuses to send and the observe relations die. A token
 * bucket admits notifications up to the rate (with a burst); the others wait, each relation at
 * most once, and go out as tokens come back. A waiting notification reads its value when it is
 * sent, so the server gets the latest value, not a queue of stale ones.
 *
 * @param <T> what is notified (a relation)
 */
final class NotificationPacer<T> {

    private final double perMillisecond;
    private final double burst;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<T> send;
    private final Set<T> waiting = new LinkedHashSet<>();
    private double tokens;
    private long last;
    private boolean drainScheduled;

    /**
     * @param perSecond notifications per second admitted on average
     * @param burst how many may go out at once after a quiet time
     */
    NotificationPacer(double perSecond, int burst, LongSupplier clockMillis, ScheduledExecutorService scheduler, Consumer<T> send) {
        this.perMillisecond = perSecond / 1000.0;
        this.burst = Math.max(1, burst);
        this.clock = clockMillis;
        this.scheduler = scheduler;
        this.send = send;
        this.tokens = this.burst;
        this.last = clockMillis.getAsLong();
    }

    /** Sends now if the rate allows, else once a token is back (a relation already waiting is not queued twice). */
    void submit(T item) {
        boolean now;
        synchronized (this) {
            refill();
            now = waiting.isEmpty() && tokens >= 1;
            if (now) {
                tokens -= 1;
            } else {
                waiting.add(item);
                scheduleDrain();
            }
        }
        if (now) {
            send.accept(item);
        }
    }

    /** Forgets a relation that ended. */
    synchronized void remove(T item) {
        waiting.remove(item);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perMillisecond);
        last = now;
    }

    private void scheduleDrain() {
        if (drainScheduled) {
            return;
        }
        drainScheduled = true;
        long delay = (long) Math.ceil(Math.max(0, 1 - tokens) / perMillisecond);
        scheduler.schedule(this::drain, Math.max(1, delay), TimeUnit.MILLISECONDS);
    }

    private void drain() {
        List<T> due = new ArrayList<>();
        synchronized (this) {
            drainScheduled = false;
            refill();
            for (Iterator<T> it = waiting.iterator(); it.hasNext() && tokens >= 1;) {
                due.add(it.next());
                it.remove();
                tokens -= 1;
            }
            if (!waiting.isEmpty()) {
                scheduleDrain();
            }
        }
        due.forEach(send);
    }
}
