/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.registry.EndpointDescriptor;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the registry has seen on the whiteboard, indexed by endpoint name, so that a service
 * event re-decides only the endpoint it concerns: with 10,000 virtual endpoints, adding one
 * must not look at the other 9,999. Every change answers the endpoint names it touched.
 * Not thread-safe: the registry guards it.
 */
final class Whiteboard {

    private final String gatewayEndpoint;
    private final EndpointDescriptor gatewayDescriptor;
    private final Map<Long, Contribution> contributions = new HashMap<>();
    private final Map<String, Map<Long, Contribution>> contributionsByEndpoint = new HashMap<>();
    private final Map<Long, EndpointDescriptor> endpointServices = new HashMap<>();
    // ascending service id: the first registration of a name wins, later ones are ignored
    private final Map<String, TreeMap<Long, EndpointDescriptor>> endpointServicesByName = new HashMap<>();

    Whiteboard(EndpointDescriptor gatewayDescriptor) {
        this.gatewayEndpoint = gatewayDescriptor.name();
        this.gatewayDescriptor = gatewayDescriptor;
    }

    String gatewayEndpoint() {
        return gatewayEndpoint;
    }

    /** Adds or replaces an object contribution; answers the endpoints whose trees may change. */
    Set<String> putContribution(Contribution c) {
        Set<String> touched = new LinkedHashSet<>(2);
        Contribution old = contributions.put(c.serviceId(), c);
        if (old != null) {
            touched.add(unindex(old));
        }
        String endpoint = endpointOf(c);
        contributionsByEndpoint.computeIfAbsent(endpoint, k -> new HashMap<>()).put(c.serviceId(), c);
        touched.add(endpoint);
        return touched;
    }

    /** Removes an object contribution; answers the endpoints whose trees may change. */
    Set<String> removeContribution(long serviceId) {
        Contribution old = contributions.remove(serviceId);
        return old == null ? Set.of() : Set.of(unindex(old));
    }

    /** Adds or replaces an endpoint service; answers the endpoint names it concerns. */
    Set<String> putEndpoint(long serviceId, EndpointDescriptor descriptor) {
        Set<String> touched = new LinkedHashSet<>(2);
        EndpointDescriptor old = endpointServices.put(serviceId, descriptor);
        if (old != null) {
            touched.add(unindexEndpoint(serviceId, old));
        }
        endpointServicesByName.computeIfAbsent(descriptor.name(), k -> new TreeMap<>()).put(serviceId, descriptor);
        touched.add(descriptor.name());
        return touched;
    }

    /** Removes an endpoint service; answers the endpoint names it concerns. */
    Set<String> removeEndpoint(long serviceId) {
        EndpointDescriptor old = endpointServices.remove(serviceId);
        return old == null ? Set.of() : Set.of(unindexEndpoint(serviceId, old));
    }

    /** Every endpoint name anything on the whiteboard refers to (for a full re-decision). */
    Set<String> allNames() {
        Set<String> all = new LinkedHashSet<>();
        all.add(gatewayEndpoint);
        all.addAll(endpointServicesByName.keySet());
        all.addAll(contributionsByEndpoint.keySet());
        return all;
    }

    /** The endpoint of that name, if it should exist: the gateway's, or the first service naming it. */
    Optional<EndpointDescriptor> wanted(String name) {
        if (name.equals(gatewayEndpoint)) {
            return Optional.of(gatewayDescriptor);
        }
        TreeMap<Long, EndpointDescriptor> services = endpointServicesByName.get(name);
        return services == null || services.isEmpty() ? Optional.empty() : Optional.of(services.firstEntry().getValue());
    }

    /** The ids of endpoint services that name an endpoint another service (or the gateway) already provides. */
    List<Long> ignoredEndpointServices(String name) {
        TreeMap<Long, EndpointDescriptor> services = endpointServicesByName.get(name);
        if (services == null) {
            return List.of();
        }
        return name.equals(gatewayEndpoint) ? List.copyOf(services.keySet()) : List.copyOf(services.tailMap(services.firstKey(), false).keySet());
    }

    /** The contributions that name this endpoint (the gateway's include those naming none). */
    Collection<Contribution> contributionsFor(String name) {
        Map<Long, Contribution> found = contributionsByEndpoint.get(name);
        return found == null ? List.of() : List.copyOf(found.values());
    }

    private String endpointOf(Contribution c) {
        return c.endpoint() == null ? gatewayEndpoint : c.endpoint();
    }

    private String unindex(Contribution old) {
        String endpoint = endpointOf(old);
        Map<Long, Contribution> of = contributionsByEndpoint.get(endpoint);
        if (of != null) {
            of.remove(old.serviceId());
            if (of.isEmpty()) {
                contributionsByEndpoint.remove(endpoint);
            }
        }
        return endpoint;
    }

    private String unindexEndpoint(long serviceId, EndpointDescriptor old) {
        TreeMap<Long, EndpointDescriptor> services = endpointServicesByName.get(old.name());
        if (services != null) {
            services.remove(serviceId);
            if (services.isEmpty()) {
                endpointServicesByName.remove(old.name());
            }
        }
        return old.name();
    }
}
