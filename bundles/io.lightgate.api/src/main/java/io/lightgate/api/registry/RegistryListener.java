/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

/**
 * Whiteboard: register a service of this type to receive every {@link RegistryEvent}, in
 * order, on the registry's event thread. Listeners must return quickly; one that throws is
 * logged and does not stop delivery to the others. A newly registered listener first receives
 * ENDPOINT_ADDED and OBJECT_ADDED events for what already exists.
 */
@FunctionalInterface
public interface RegistryListener {

    void registryChanged(RegistryEvent event);
}
