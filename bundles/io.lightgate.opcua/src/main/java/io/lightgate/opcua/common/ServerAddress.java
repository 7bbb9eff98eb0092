/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

/**
 * Where a Milo server listens and what its endpoint URLs say.
 *
 * @param bindAddress the interface (0.0.0.0: every one)
 * @param port the TCP port
 * @param hostname the host in the endpoint URLs
 * @param path the endpoint path, starting with '/'
 */
public record ServerAddress(String bindAddress, int port, String hostname, String path) {

    /** From configuration values: a blank hostname is the bind address, a path gets its leading '/'. */
    public static ServerAddress of(String bindAddress, int port, String hostname, String path) {
        return new ServerAddress(bindAddress, port, hostname.isBlank() ? bindAddress : hostname,
                path.startsWith("/") ? path : "/" + path);
    }

    /** The URL clients connect to, {@code opc.tcp://host:port/path}. */
    public String url() {
        return "opc.tcp://" + hostname + ":" + port + path;
    }
}
