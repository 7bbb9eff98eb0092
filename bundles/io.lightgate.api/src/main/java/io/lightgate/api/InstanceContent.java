/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Collection;
import java.util.SortedMap;

/**
 * The values of one object instance, as read: its id and its resources ordered by id.
 *
 * @param id the instance id
 * @param resources resources by id (unmodifiable)
 */
public record InstanceContent(int id, SortedMap<Integer, Resource> resources) {

    public InstanceContent {
        resources = ResourcesById.copyOf(resources);
    }

    /** Builds the content from a collection of resources (of two with the same id, the later one counts). */
    public static InstanceContent of(int id, Collection<Resource> resources) {
        return new InstanceContent(id, ResourcesById.of(resources));
    }
}
