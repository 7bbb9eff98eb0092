/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps an endpoint keeps per server (or per server's address). An endpoint has one server, seldom
 * more; a ConcurrentHashMap's default table has 16 slots, 56 bytes more than one for two, on each
 * of such maps of each of 10,000 virtual endpoints. The table grows as any other when servers are
 * added.
 */
final class PerServer {

    private PerServer() {
    }

    /** An empty concurrent map sized for one or two servers. */
    static <K, V> ConcurrentHashMap<K, V> map() {
        return new ConcurrentHashMap<>(1);
    }
}
