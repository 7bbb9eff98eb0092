/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The gateway's own threads inside the benchmark JVM, which also runs the Leshan server, the
 * Leshan clients and the driver. The framework is started from a thread of a dedicated thread
 * group, so every thread the framework, SCR and the bundles create inherits that group; a pool
 * thread the driver's change call happens to start is counted by its {@code lightgate-} name.
 */
final class GatewayThreads {

    private static final ThreadGroup GROUP = new ThreadGroup("lightgate-gateway");

    private GatewayThreads() {
    }

    /** Runs {@code start} (the framework's start) on a thread of the gateway's group and waits for it. */
    static <T> T startInGroup(Callable<T> start) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread starter = new Thread(GROUP, () -> {
            try {
                result.set(start.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "lightgate-bench-start");
        starter.start();
        starter.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** e.g. "21 (5 lightgate-lwm2m-#, 2 lightgate-object-call-#, ...)"; Felix's resolver pool left out as elsewhere. */
    static String describe() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            boolean ours = name.startsWith("lightgate-") || inGroup(t.getThreadGroup());
            if (ours && !name.startsWith("FelixResolver-")) {
                names.merge(name.replaceAll("(?<=[-#])[0-9]+", "#"), 1, Integer::sum);
            }
        }
        int total = names.values().stream().mapToInt(Integer::intValue).sum();
        return total + " (" + names.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static boolean inGroup(ThreadGroup group) {
        for (ThreadGroup g = group; g != null; g = g.getParent()) {
            if (g == GROUP) {
                return true;
            }
        }
        return false;
    }
}
