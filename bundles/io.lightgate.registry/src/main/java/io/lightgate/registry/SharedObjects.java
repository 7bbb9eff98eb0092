/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the shared contributions ({@link Contribution#shared()}) of one object id on one endpoint
 * into one contribution whose object merges their instances ({@link SharedObject}), before the
 * resolver decides the tree. The merged contribution stays the same record while only its members
 * change, so the tree keeps its attachment and a member coming or going shows as instances added
 * or removed, not as the object withdrawn and added again. Not thread-safe: used under the
 * registry's lock.
 */
final class SharedObjects {

    /** One merged object: its contribution record and the members it was made of last. */
    private static final class Group {
        final SharedObject object;
        Contribution contribution;

        Group(SharedObject object, Contribution contribution) {
            this.object = object;
            this.contribution = contribution;
        }
    }

    private final Map<String, Map<Integer, Group>> groups = new HashMap<>();

    /**
     * The contributions of an endpoint with those shared replaced by one merged contribution per
     * object id. A merged contribution ranks as its highest-ranked member and, on equal ranking,
     * comes where its first member came.
     */
    Collection<Contribution> merge(String endpoint, Collection<Contribution> contributions) {
        List<Contribution> result = new ArrayList<>();
        Map<Integer, List<Contribution>> sharedById = new TreeMap<>();
        for (Contribution c : contributions) {
            if (c.shared() && c.objectId() != null) {
                sharedById.computeIfAbsent(c.objectId(), id -> new ArrayList<>()).add(c);
            } else {
                result.add(c);
            }
        }
        Map<Integer, Group> before = groups.getOrDefault(endpoint, Map.of());
        Map<Integer, Group> now = new HashMap<>();
        sharedById.forEach((objectId, members) -> {
            members.sort(Comparator.comparingLong(Contribution::serviceId)); // earliest first: the later one is refused on a collision
            int ranking = members.stream().mapToInt(Contribution::ranking).max().orElse(0);
            Group group = before.get(objectId);
            if (group == null) {
                Contribution first = members.get(0);
                SharedObject object = new SharedObject(endpoint, objectId);
                // the tree names the first contributor's bundle as the object's; log lines name every member
                group = new Group(object, new Contribution(first.serviceId(), ranking, objectId, first.endpoint(), object,
                        first.bundle()));
            } else if (group.contribution.ranking() != ranking) {
                Contribution c = group.contribution;
                group.contribution = new Contribution(c.serviceId(), ranking, objectId, c.endpoint(), c.object(), c.bundle());
            }
            group.object.setMembers(members);
            now.put(objectId, group);
            result.add(group.contribution);
        });
        // a group whose last member left is dropped with its object: the tree detaches it, which detaches its members
        if (now.isEmpty()) {
            groups.remove(endpoint);
        } else {
            groups.put(endpoint, now);
        }
        return result;
    }
}
