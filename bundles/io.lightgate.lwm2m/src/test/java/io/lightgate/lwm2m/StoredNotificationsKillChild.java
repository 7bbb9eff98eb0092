/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Value;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process {@link StoredNotificationsKillTest} kills: appends the values from {@code first}
 * on, one per call, through a store that group-commits every 50 ms, and forwards (removes) all
 * but the newest few now and then, as store-and-forward does. After each call returns it prints
 * {@code A <value>} or {@code R <value>} (the removal reached up to that value), flushed. It
 * stops by itself after {@code max} values or 60 s, so a lost parent leaves no process behind.
 */
public final class StoredNotificationsKillChild {

    static final URI SERVER = URI.create("coap://127.0.0.1:5683");
    static final int KEEP = 5;

    private StoredNotificationsKillChild() {
    }

    static StoredValue value(long i) {
        return new StoredValue(Instant.ofEpochMilli(1_700_000_000_000L + i), LwM2mPath.of(3303, 0, 5700), Value.of(i));
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        long max = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        long end = System.nanoTime() + 60_000_000_000L;
        try (ClientStateStore store = new ClientStateStore(folder, scheduler, 50)) {
            out.println("READY");
            out.flush();
            for (long i = first; i < first + max && System.nanoTime() < end; i++) {
                store.appendStored("gw", 1, SERVER, List.of(value(i)), 1_000_000);
                out.println("A " + i);
                out.flush();
                if (i % 7 == 0) {
                    SortedMap<Long, StoredValue> batch = store.storedBatch("gw", 1, SERVER, 1_000);
                    if (batch.size() > KEEP) {
                        List<Long> keys = List.copyOf(batch.keySet());
                        long upTo = keys.get(keys.size() - 1 - KEEP);
                        long lastRemoved = batch.get(upTo).value().asLong();
                        store.removeStored("gw", 1, SERVER, upTo);
                        out.println("R " + lastRemoved);
                        out.flush();
                    }
                }
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
