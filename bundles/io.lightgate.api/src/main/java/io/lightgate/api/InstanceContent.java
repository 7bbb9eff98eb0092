/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The values of one object instance, as read: its id and its resources ordered by id.
 *
 * @param id the instance id
 * @param resources resources by id (unmodifiable)
 */
public record InstanceContent(int id, SortedMap<Integer, Resource> resources) {

    public InstanceContent {
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    /** Builds the content from a collection of resources. */
    public static InstanceContent of(int id, Collection<Resource> resources) {
        SortedMap<Integer, Resource> map = new TreeMap<>();
        for (Resource r : resources) {
            map.put(r.id(), r);
        }
        return new InstanceContent(id, map);
    }
}
