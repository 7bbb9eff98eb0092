/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Object models grouped by where they came from (the built-in core set, or one bundle).
 * For each object id the model in force is the highest object version; on a tie, the source
 * added first (lowest order: built-in, then bundles by id). Thread-safe.
 */
final class ModelCatalog implements ModelRepository {

    /** Where a set of models came from. */
    record Source(long order, String name, List<ObjectModel> models) {
        Source {
            models = List.copyOf(models);
        }
    }

    private final Map<Long, Source> sources = new TreeMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<Integer, ObjectModel> inForce = Map.of();

    /** Adds (or replaces) a source. */
    void put(Source source) {
        synchronized (sources) {
            sources.put(source.order(), source);
            recompute();
        }
        changeListeners.forEach(Runnable::run);
    }

    /** Removes the source with this order; false when there was none. */
    boolean remove(long order) {
        synchronized (sources) {
            if (sources.remove(order) == null) {
                return false;
            }
            recompute();
        }
        changeListeners.forEach(Runnable::run);
        return true;
    }

    /** Called after every change; must not block. */
    void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    void removeChangeListener(Runnable listener) {
        changeListeners.remove(listener);
    }

    /** The name of the source whose model for this id is in force. */
    Optional<String> sourceOf(int objectId) {
        synchronized (sources) {
            ObjectModel m = inForce.get(objectId);
            return sources.values().stream().filter(s -> s.models().contains(m)).map(Source::name).findFirst();
        }
    }

    private void recompute() {
        Map<Integer, ObjectModel> result = new TreeMap<>();
        for (Source s : sources.values()) { // ascending order: earlier sources win ties
            for (ObjectModel m : s.models()) {
                ObjectModel current = result.get(m.id());
                if (current == null || compareVersions(m.version(), current.version()) > 0) {
                    result.put(m.id(), m);
                }
            }
        }
        inForce = result;
    }

    /** Compares dotted versions numerically ("1.10" > "1.2"); non-numeric parts compare as text. */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x), Integer.parseInt(y));
            } catch (NumberFormatException e) {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public Optional<ObjectModel> model(int objectId) {
        return Optional.ofNullable(inForce.get(objectId));
    }

    @Override
    public List<ObjectModel> models() {
        List<ObjectModel> list = new ArrayList<>(inForce.values());
        list.sort(Comparator.comparingInt(ObjectModel::id));
        return list;
    }
}
