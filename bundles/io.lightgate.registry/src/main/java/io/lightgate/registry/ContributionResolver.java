/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which contribution provides each object of each endpoint: the pure part of the
 * registry, kept apart so the conflict rule can be tested without a framework. A contribution
 * counts when its endpoint exists and a model for its object id is known; among several for
 * the same endpoint and object id, {@link Contribution#PRECEDENCE} picks the winner.
 */
final class ContributionResolver {

    /** A decision about one (endpoint, object) pair, or about a contribution that waits. */
    record Outcome(String endpoint, int objectId, Contribution winner, ObjectModel model, List<Contribution> losers) {
    }

    /** Why a contribution is not in any tree now. */
    record Pending(Contribution contribution, String reason, boolean waitingForEndpoint) {
        Pending(Contribution contribution, String reason) {
            this(contribution, reason, false);
        }
    }

    /** The full decision. */
    record Resolution(Map<String, Map<Integer, Outcome>> trees, List<Pending> pending) {
    }

    private ContributionResolver() {
    }

    static Resolution resolve(Collection<Contribution> contributions, Set<String> endpoints, String gatewayEndpoint,
            ModelRepository models) {
        Map<String, Map<Integer, List<Contribution>>> candidates = new TreeMap<>();
        List<Pending> pending = new ArrayList<>();
        for (Contribution c : contributions) {
            String endpoint = c.endpoint() == null ? gatewayEndpoint : c.endpoint();
            if (c.objectId() == null) {
                pending.add(new Pending(c, "its service has no valid integer property lwm2m.object.id (0..65535)"));
            } else if (!endpoints.contains(endpoint)) {
                pending.add(new Pending(c, "it names endpoint '" + endpoint + "', which no bundle provides (yet)", true));
            } else if (models.model(c.objectId()).isEmpty()) {
                pending.add(new Pending(c, "no model is known for object " + c.objectId()
                        + "; ship its DDF file in the bundle (LwM2M-Models header) or install a bundle that does"));
            } else {
                candidates.computeIfAbsent(endpoint, e -> new TreeMap<>())
                        .computeIfAbsent(c.objectId(), o -> new ArrayList<>()).add(c);
            }
        }
        Map<String, Map<Integer, Outcome>> trees = new TreeMap<>();
        for (String endpoint : endpoints) {
            Map<Integer, Outcome> tree = new TreeMap<>();
            candidates.getOrDefault(endpoint, Map.of()).forEach((objectId, list) -> {
                list.sort(Contribution.PRECEDENCE);
                tree.put(objectId, new Outcome(endpoint, objectId, list.get(0), models.model(objectId).orElseThrow(),
                        List.copyOf(list.subList(1, list.size()))));
            });
            trees.put(endpoint, tree);
        }
        return new Resolution(trees, pending);
    }
}
