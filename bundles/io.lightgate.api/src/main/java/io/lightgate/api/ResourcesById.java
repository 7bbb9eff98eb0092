/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * The unmodifiable map behind {@link InstanceContent#resources()}: two arrays sorted by id. Every
 * Read builds one, so it costs what a Read needs (no tree nodes, no second copy, values iterated
 * without entries) and no more than the map it replaced for content that is kept.
 */
final class ResourcesById extends AbstractMap<Integer, Resource> implements SortedMap<Integer, Resource> {

    private static final ResourcesById EMPTY = new ResourcesById(new int[0], new Resource[0]);

    private final int[] ids;
    private final Resource[] resources;

    private ResourcesById(int[] ids, Resource[] resources) {
        this.ids = ids;
        this.resources = resources;
    }

    /** By {@link Resource#id()}; of two with the same id the later one counts. */
    static ResourcesById of(Collection<Resource> from) {
        Resource[] sorted = from.toArray(new Resource[0]);
        // stable: equal ids keep their order, so the last of a run is the later one
        Arrays.sort(sorted, Comparator.comparingInt(Resource::id));
        int[] ids = new int[sorted.length];
        int n = 0;
        for (Resource r : sorted) {
            if (n > 0 && ids[n - 1] == r.id()) {
                sorted[n - 1] = r;
            } else {
                ids[n] = r.id();
                sorted[n++] = r;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        return n == ids.length ? new ResourcesById(ids, sorted) : new ResourcesById(Arrays.copyOf(ids, n), Arrays.copyOf(sorted, n));
    }

    /** A copy of a map ordered by its keys (a SortedMap with another comparator is sorted again). */
    static ResourcesById copyOf(Map<Integer, Resource> from) {
        if (from instanceof ResourcesById same) {
            return same;
        }
        if (from.isEmpty()) {
            return EMPTY;
        }
        int[] ids = new int[from.size()];
        Resource[] resources = new Resource[ids.length];
        int n = 0;
        boolean ascending = true;
        for (Map.Entry<Integer, Resource> e : from.entrySet()) {
            ids[n] = e.getKey(); // a null key fails here, as a TreeMap refused it
            resources[n] = e.getValue();
            ascending &= n == 0 || ids[n - 1] < ids[n];
            n++;
        }
        if (!ascending) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt(i -> ids[i]));
            int[] sortedIds = new int[n];
            Resource[] sortedResources = new Resource[n];
            for (int i = 0; i < n; i++) {
                sortedIds[i] = ids[order[i]];
                sortedResources[i] = resources[order[i]];
            }
            return new ResourcesById(sortedIds, sortedResources);
        }
        return new ResourcesById(ids, resources);
    }

    private int indexOf(@Nullable Object key) {
        return key instanceof Integer id ? Arrays.binarySearch(ids, id) : -1;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public @Nullable Resource get(@Nullable Object key) {
        int i = indexOf(key);
        return i >= 0 ? resources[i] : null;
    }

    @Override
    public @Nullable Comparator<? super Integer> comparator() {
        return null; // natural order
    }

    @Override
    public Integer firstKey() {
        if (ids.length == 0) {
            throw new NoSuchElementException();
        }
        return ids[0];
    }

    @Override
    public Integer lastKey() {
        if (ids.length == 0) {
            throw new NoSuchElementException();
        }
        return ids[ids.length - 1];
    }

    @Override
    public SortedMap<Integer, Resource> subMap(Integer fromKey, Integer toKey) {
        if (fromKey > toKey) {
            throw new IllegalArgumentException("fromKey " + fromKey + " > toKey " + toKey);
        }
        return slice(firstAtOrAbove(fromKey), firstAtOrAbove(toKey));
    }

    @Override
    public SortedMap<Integer, Resource> headMap(Integer toKey) {
        return slice(0, firstAtOrAbove(toKey));
    }

    @Override
    public SortedMap<Integer, Resource> tailMap(Integer fromKey) {
        return slice(firstAtOrAbove(fromKey), ids.length);
    }

    private int firstAtOrAbove(int key) {
        int i = Arrays.binarySearch(ids, key);
        return i >= 0 ? i : -i - 1;
    }

    private ResourcesById slice(int from, int to) {
        return from >= to ? EMPTY : new ResourcesById(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(resources, from, to));
    }

    @Override
    public Collection<Resource> values() {
        return new AbstractList<>() {
            @Override
            public Resource get(int index) {
                return resources[index];
            }

            @Override
            public int size() {
                return resources.length;
            }
        };
    }

    @Override
    public Set<Integer> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Integer> iterator() {
                return new Positions<>() {
                    @Override
                    Integer at(int i) {
                        return ids[i];
                    }
                };
            }

            @Override
            public boolean contains(@Nullable Object o) {
                return indexOf(o) >= 0;
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    @Override
    public Set<Map.Entry<Integer, Resource>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Integer, Resource>> iterator() {
                return new Positions<>() {
                    @Override
                    Map.Entry<Integer, Resource> at(int i) {
                        return new SimpleImmutableEntry<>(ids[i], resources[i]);
                    }
                };
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    /** Iterates the positions in order; remove is not supported (the map is unmodifiable). */
    private abstract class Positions<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < ids.length;
        }

        @Override
        public T next() {
            if (next >= ids.length) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}
