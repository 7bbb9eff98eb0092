/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An LwM2M client endpoint the gateway presents to servers. The gateway's own endpoint is
 * created by the registry; an adapter contributes a virtual endpoint by registering an
 * instance of this class as an OSGi service, then objects with the endpoint's name in
 * {@link io.lightgate.api.object.LwM2mObject#ENDPOINT}. Unregistering withdraws it.
 *
 * @param name the LwM2M endpoint client name, unique in the gateway
 * @param lifetime the registration lifetime
 * @param servers ids of the server configurations this endpoint registers with; empty means
 *        the gateway's default servers
 * @param behindGateway true: the endpoint does not register itself; it is an end device behind the
 *        gateway's own registration (an instance of the LwM2M Gateway object 25, its objects
 *        addressed with a prefix). An adapter asks for it with the service property
 *        {@value #BEHIND_GATEWAY}{@code =true} on the descriptor's registration.
 */
public record EndpointDescriptor(String name, Duration lifetime, List<String> servers, boolean behindGateway) {

    /** Lifetime used when none is given: 5 minutes. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /**
     * Service property of an EndpointDescriptor service: {@code true} puts the endpoint behind the
     * gateway's registration (see {@link #behindGateway()}) instead of registering it on its own.
     */
    public static final String BEHIND_GATEWAY = "lightgate.endpoint.behind.gateway";

    public EndpointDescriptor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("endpoint name is empty");
        }
        lifetime = lifetime == null ? DEFAULT_LIFETIME : lifetime;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("endpoint " + name + ": lifetime must be positive, was " + lifetime);
        }
        servers = List.copyOf(servers == null ? List.of() : servers);
    }

    /** An endpoint that registers on its own (not behind the gateway). */
    public EndpointDescriptor(String name, Duration lifetime, List<String> servers) {
        this(name, lifetime, servers, false);
    }

    /** This endpoint, behind the gateway's registration or on its own. */
    public EndpointDescriptor withBehindGateway(boolean behind) {
        return behind == behindGateway ? this : new EndpointDescriptor(name, lifetime, servers, behind);
    }

    /** An endpoint with the default lifetime, registered with the gateway's default servers. */
    public static EndpointDescriptor of(String name) {
        return new EndpointDescriptor(name, DEFAULT_LIFETIME, List.of());
    }
}
