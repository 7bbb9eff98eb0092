/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import io.lightgate.api.model.ObjectModel;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * An immutable snapshot of one endpoint's object tree: which objects it has, their models,
 * their instances and the resources each instance implements. What registration (object
 * links) and Discover are made of.
 *
 * @param endpoint the endpoint
 * @param objects the objects by id (unmodifiable)
 */
public record EndpointTree(EndpointDescriptor endpoint, SortedMap<Integer, ObjectNode> objects) {

    public EndpointTree {
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /**
     * One object of the tree.
     *
     * @param model the object model in force
     * @param instances instance id to the ids of the resources it implements (unmodifiable)
     * @param contributor the bundle that contributes the object (symbolic name)
     */
    public record ObjectNode(ObjectModel model, SortedMap<Integer, SortedSet<Integer>> instances, String contributor) {
        public ObjectNode {
            instances = Collections.unmodifiableSortedMap(new TreeMap<>(instances));
        }

        public static ObjectNode of(ObjectModel model, Map<Integer, SortedSet<Integer>> instances, String contributor) {
            return new ObjectNode(model, new TreeMap<>(instances), contributor);
        }
    }
}
