/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable resource with its value: either single ({@link #value()}) or multi-instance
 * ({@link #instances()}, keyed by resource instance id). Every value has the resource's type.
 */
public final class Resource {

    private final int id;
    private final ResourceType type;
    private final Value value;
    private final SortedMap<Integer, Value> instances;

    private Resource(int id, ResourceType type, Value value, SortedMap<Integer, Value> instances) {
        this.id = id;
        this.type = type;
        this.value = value;
        this.instances = instances;
    }

    /** A single-instance resource. */
    public static Resource of(int id, Value value) {
        Objects.requireNonNull(value, "value");
        return new Resource(id, value.type(), value, null);
    }

    /**
     * A multi-instance resource; all values must be of {@code type}.
     *
     * @throws IllegalArgumentException when a value has another type or an id is outside 0..65535
     */
    public static Resource ofInstances(int id, ResourceType type, Map<Integer, Value> instances) {
        SortedMap<Integer, Value> copy = new TreeMap<>();
        instances.forEach((k, v) -> {
            if (k < 0 || k > 65535) {
                throw new IllegalArgumentException("resource instance id " + k + " of resource " + id + " is outside 0..65535");
            }
            if (v.type() != type) {
                throw new IllegalArgumentException("resource " + id + " instance " + k + " is " + v.type() + ", expected " + type);
            }
            copy.put(k, v);
        });
        return new Resource(id, type, null, Collections.unmodifiableSortedMap(copy));
    }

    public int id() { return id; }
    public ResourceType type() { return type; }
    public boolean isMultiple() { return instances != null; }

    /** The value of a single-instance resource. */
    public Value value() {
        if (value == null) {
            throw new IllegalStateException("resource " + id + " is multi-instance: use instances()");
        }
        return value;
    }

    /** The instances of a multi-instance resource (unmodifiable, ordered by id). */
    public SortedMap<Integer, Value> instances() {
        if (instances == null) {
            throw new IllegalStateException("resource " + id + " is single-instance: use value()");
        }
        return instances;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.id == id && r.type == type
                && Objects.equals(r.value, value) && Objects.equals(r.instances, instances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, value, instances);
    }

    @Override
    public String toString() {
        return id + "=" + (isMultiple() ? instances.toString() : value.toString());
    }
}
