/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one meter's tasks one after the other on a shared pool: a DLMS association carries one
 * request at a time, and a meter holds at most one pool thread. At most {@code capacity} tasks
 * wait; more are rejected.
 */
final class SerialExecutor implements Executor {

    private final Executor pool;
    private final int capacity;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (queue.size() >= capacity) {
            throw new RejectedExecutionException(queue.size() + " exchanges already wait for this meter");
        }
        queue.add(task);
        if (!running) {
            schedule();
        }
    }

    private void schedule() {
        Runnable next = queue.poll();
        if (next == null) {
            running = false;
            return;
        }
        running = true;
        try {
            pool.execute(() -> {
                try {
                    next.run();
                } finally {
                    synchronized (this) {
                        schedule();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            running = false;
            queue.clear();
            throw e;
        }
    }
}
