/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

/**
 * N LwM2M client endpoints of one implementation, each with Device (3) and Connectivity
 * Monitoring (4) whose /4/0/2 the benchmark changes.
 */
interface Fleet extends AutoCloseable {

    /** For the table: "Lightgate" or "Leshan client". */
    String label();

    /** The endpoint names of a run with {@code count} endpoints (unique per run). */
    String name(int count, int index);

    /** Creates and starts {@code count} endpoints; registration is awaited by the caller. */
    void start(int count) throws Exception;

    /**
     * As {@link #start(int)}; besides, element i of {@code reads} follows the highest value of
     * endpoint i's /4/0/2 the implementation has read (to tell a value replaced before any read,
     * which no implementation could deliver, from one read and then lost).
     */
    void start(int count, java.util.concurrent.atomic.AtomicLongArray reads) throws Exception;

    /** Sets /4/0/2 of endpoint {@code index} and reports the change, as a real value source would. */
    void change(int index, long value);

    /**
     * Adds a Temperature object (3303) with {@code count} instances to endpoint {@code name} (started
     * before); setter k sets /3303/k/5700 and reports the change (the composite-observe scenario).
     */
    default java.util.function.LongConsumer[] sensors(String name, int count) throws Exception {
        throw new UnsupportedOperationException(label() + " has no composite-observe scenario");
    }

    /** De-registers and releases every endpoint of the run. */
    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }
}
