/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.registry.RegistrationListener;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RegistrationListener} services of the whiteboard, told on the engine's threads
 * (never under a registration's lock) when an endpoint has registered with a server.
 */
final class RegistrationListeners {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationListeners.class);

    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

    void add(RegistrationListener listener) {
        listeners.add(listener);
    }

    void remove(RegistrationListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener, each on its own task of the executor. */
    void registered(Executor executor, String endpoint, URI server) {
        for (RegistrationListener l : listeners) {
            registered(executor, l, endpoint, server);
        }
    }

    /** Tells one listener on a task of the executor. */
    void registered(Executor executor, RegistrationListener listener, String endpoint, URI server) {
        executor.execute(() -> {
            try {
                listener.registered(endpoint, server);
            } catch (RuntimeException e) {
                LOG.warn("A registration listener ({}) failed for endpoint '{}' and {}: {}", listener.getClass().getName(), endpoint, server,
                        e.toString(), e);
            }
        });
    }
}
