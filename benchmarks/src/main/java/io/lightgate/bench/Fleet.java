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

    /** Sets /4/0/2 of endpoint {@code index} and reports the change, as a real value source would. */
    void change(int index, long value);

    /** De-registers and releases every endpoint of the run. */
    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }
}
