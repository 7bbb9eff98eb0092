/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.object.ObjectListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contribution taken into an endpoint's tree: the listener handed to the object, and the
 * registry's cached view of its instances (so instance changes can be reported as a diff,
 * whatever the object announces). Calls into the object never throw out of here.
 */
final class Attachment implements ObjectListener {

    /** Where an attachment reports. */
    interface Sink {
        void instancesChanged(Attachment source, Set<Integer> added, Set<Integer> removed);

        void valuesChanged(Attachment source, List<LwM2mPath> paths, Map<LwM2mPath, Resource> values, Instant at);

        void sendRequested(Attachment source, List<LwM2mPath> paths);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Attachment.class);
    private static final Comparator<ResourceModel> BY_ID = Comparator.comparingInt(ResourceModel::id);

    final String endpoint;
    final Contribution contribution;
    final ObjectModel model;
    /** Where calls into the object wait and run (see {@link ObjectCalls}). */
    final ObjectCalls.Lane lane = new ObjectCalls.Lane();
    private final Sink sink;
    // sorted instance ids: most objects have one instance, for which a TreeSet cost about 100 bytes more
    // (five attachments per virtual endpoint)
    private int[] instances = new int[0];
    private volatile boolean attached;
    private boolean failureLogged;

    Attachment(String endpoint, Contribution contribution, ObjectModel model, Sink sink) {
        this.endpoint = endpoint;
        this.contribution = contribution;
        this.model = model;
        this.sink = sink;
    }

    int objectId() {
        return model.id();
    }

    /** Hands the listener to the object and takes the first instance snapshot. */
    void attach() {
        attached = true;
        synchronized (this) {
            instances = sorted(safely("instanceIds()", contribution.object()::instanceIds, Set.of()));
        }
        safely("setListener()", () -> {
            contribution.object().setListener(this);
            return null;
        }, null);
    }

    void detach() {
        attached = false;
        safely("setListener(null)", () -> {
            contribution.object().setListener(null);
            return null;
        }, null);
    }

    synchronized SortedSet<Integer> instances() {
        return asSet(instances);
    }

    synchronized boolean hasInstance(int instanceId) {
        return Arrays.binarySearch(instances, instanceId) >= 0;
    }

    private static int[] sorted(Set<Integer> ids) {
        return ids.stream().filter(Objects::nonNull).mapToInt(Integer::intValue).sorted().distinct().toArray();
    }

    private static SortedSet<Integer> asSet(int[] ids) {
        SortedSet<Integer> set = new TreeSet<>();
        for (int id : ids) {
            set.add(id);
        }
        return set;
    }

    /** The resources an instance implements, limited to those the model defines. */
    SortedSet<Integer> resources(int instanceId) {
        Set<Integer> ids = safely("resourceIds(" + instanceId + ")", () -> contribution.object().resourceIds(instanceId), Set.of());
        SortedSet<Integer> result = new TreeSet<>();
        for (Integer id : ids) {
            if (model.resources().containsKey(id)) {
                result.add(id);
            }
        }
        return result;
    }

    /**
     * The readable resources an instance implements, of those the model defines, by id: what a
     * Read of the instance reads (every Read lists them, so no sorted set is built for it).
     */
    List<ResourceModel> readableResources(int instanceId) {
        Set<Integer> ids = safely("resourceIds(" + instanceId + ")", () -> contribution.object().resourceIds(instanceId), Set.of());
        List<ResourceModel> readable = new ArrayList<>(ids.size());
        for (Integer id : ids) {
            ResourceModel rm = id == null ? null : model.resources().get(id);
            if (rm != null && rm.operations().isReadable()) {
                readable.add(rm);
            }
        }
        readable.sort(BY_ID);
        return readable;
    }

    @Override
    public void resourcesChanged(int instanceId, int... resourceIds) {
        if (attached) {
            sink.valuesChanged(this, paths(instanceId, resourceIds), Map.of(), Instant.now());
        }
    }

    @Override
    public void valuesChanged(int instanceId, List<Resource> values) {
        if (!attached || values == null || values.isEmpty()) {
            return;
        }
        List<LwM2mPath> paths = new ArrayList<>(values.size());
        Map<LwM2mPath, Resource> fitting = new HashMap<>();
        for (Resource r : values) {
            if (r == null) {
                continue;
            }
            LwM2mPath path = LwM2mPath.of(model.id(), instanceId, r.id());
            paths.add(path);
            if (fits(r)) {
                fitting.put(path, r);
            } else {
                LOG.debug("Object {} on endpoint {} reported {} for {}, which does not fit the model: it is read instead",
                        model.id(), endpoint, r, path);
            }
        }
        if (!paths.isEmpty()) {
            sink.valuesChanged(this, paths, fitting, Instant.now());
        }
    }

    /** A reported value the engine may use as read: readable, and of the model's type and multiplicity. */
    private boolean fits(Resource r) {
        ResourceModel rm = model.resources().get(r.id());
        return rm != null && rm.operations().isReadable() && rm.type() == r.type() && rm.multiple() == r.isMultiple();
    }

    @Override
    public void sendRequested(int instanceId, int... resourceIds) {
        if (attached) {
            sink.sendRequested(this, paths(instanceId, resourceIds));
        }
    }

    private List<LwM2mPath> paths(int instanceId, int... resourceIds) {
        List<LwM2mPath> paths = new ArrayList<>();
        if (resourceIds == null || resourceIds.length == 0) {
            paths.add(LwM2mPath.of(model.id(), instanceId));
        } else {
            for (int r : resourceIds) {
                paths.add(LwM2mPath.of(model.id(), instanceId, r));
            }
        }
        return paths;
    }

    @Override
    public void instancesChanged() {
        if (!attached) {
            return;
        }
        Set<Integer> added;
        Set<Integer> removed;
        synchronized (this) {
            SortedSet<Integer> before = asSet(instances);
            int[] now = sorted(safely("instanceIds()", contribution.object()::instanceIds, before));
            added = asSet(now);
            added.removeAll(before);
            removed = before;
            removed.removeAll(asSet(now));
            instances = now;
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            sink.instancesChanged(this, added, removed);
        }
    }

    /** Runs a call into the object; a throwing object is logged once and answers the fallback. */
    <T> T safely(String call, Supplier<T> supplier, T fallback) {
        try {
            T result = supplier.get();
            return result == null ? fallback : result;
        } catch (RuntimeException | LinkageError e) {
            synchronized (this) {
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.error("Object {} on endpoint {} from {} failed in {}: {}. The registry carries on without it; "
                            + "further failures of this object are logged at debug level.",
                            model.id(), endpoint, contribution.describe(), call, e.toString());
                } else {
                    LOG.debug("Object {} on endpoint {} failed in {}", model.id(), endpoint, call, e);
                }
            }
            return fallback;
        }
    }
}
