/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A reading of the host kept for a short time: a server that reads /3/0 a thousand times a second
 * would otherwise list the network interfaces, the power supplies and the file store at every
 * Read. {@link #forget()} before reporting a change, so the Read that follows it reads the host.
 */
final class Recent<T> implements Supplier<T> {

    private record Reading<T>(T value, long atNanos) {
    }

    private final Supplier<T> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile @Nullable Reading<T> last;

    Recent(Supplier<T> source, Duration maxAge, LongSupplier nanoTime) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The last reading while younger than the maximum age, else a new one. */
    @Override
    public T get() {
        long now = nanoTime.getAsLong();
        Reading<T> r = last;
        if (r != null && now - r.atNanos() < maxAgeNanos) {
            return r.value();
        }
        T value = source.get();
        last = new Reading<>(value, now);
        return value;
    }

    /** The next {@link #get()} reads the host. */
    void forget() {
        last = null;
    }
}
