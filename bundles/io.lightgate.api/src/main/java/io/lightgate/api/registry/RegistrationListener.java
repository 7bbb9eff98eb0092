/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import java.net.URI;

/**
 * Whiteboard: register a service of this type to learn when an endpoint has registered with an
 * LwM2M server, i.e. the server answered its Register (2.01), or renewed with an Update a
 * registration kept from before a restart. Called on an engine thread once per such success,
 * never for the periodic Updates in between; a listener that comes later is first told of the
 * registrations that stand. Listeners must return quickly; one that throws is logged and does not
 * stop delivery to the others.
 */
@FunctionalInterface
public interface RegistrationListener {

    /**
     * @param endpoint the endpoint's name (see {@link ObjectRegistry#gatewayEndpoint()} for the gateway's own)
     * @param server the server's URI as configured
     */
    void registered(String endpoint, URI server);
}
