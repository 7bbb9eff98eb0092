/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.util.function.BooleanSupplier;

/** How the console waits for FileInstall and ConfigAdmin to act on a file it wrote: a bounded poll. */
final class BoundedWait {

    private static final long PAUSE_MS = 100;

    private BoundedWait() {
    }

    /** True once {@code condition} holds, false if it did not within {@code waitMs} or the thread was interrupted. */
    static boolean until(BooleanSupplier condition, long waitMs) {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(PAUSE_MS); // FileInstall polls its folders every 250 ms
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
