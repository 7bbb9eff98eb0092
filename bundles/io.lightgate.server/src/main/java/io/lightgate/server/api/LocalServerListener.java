/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

/**
 * Whiteboard: register a service of this type to hear what happens at the local server.
 * Called on the server's threads: return quickly and never block.
 */
public interface LocalServerListener {

    /** A client registered, updated its registration or re-registered. */
    default void clientChanged(ClientInfo client) {
    }

    /** A client de-registered or its registration expired. */
    default void clientGone(ClientInfo client, boolean expired) {
    }

    /** A notification for an observation. */
    default void notified(String endpoint, NodeContent content) {
    }
}
