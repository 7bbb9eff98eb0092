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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Object models grouped by where they came from (the built-in core set, or one bundle).
 * For each object id the model in force is the highest object version; on a tie, the source
 * added first (lowest order: built-in, then bundles by id). When several sources provide the
 * same object id, the catalog tells its conflict reporter which copy is in force, once per
 * change of that choice. Thread-safe.
 */
final class ModelCatalog implements ModelRepository {

    /** Where a set of models came from. */
    record Source(long order, String name, List<Entry> entries) {
        Source {
            entries = List.copyOf(entries);
        }

        /** A source of models already parsed. */
        static Source of(long order, String name, List<ObjectModel> models) {
            return new Source(order, name, models.stream().map(Entry::new).toList());
        }
    }

    /**
     * One model of a source: its id, name and version at once, the model itself either given or
     * parsed from its DDF file when first asked for (so a bundle of 300 models costs nothing until
     * one of them is used). A loader that fails answers null (and says why itself); the id then
     * has no model, as if the file had been rejected.
     */
    static final class Entry {
        private final int id;
        private final String name;
        private final String version;
        private Supplier<ObjectModel> loader;
        private ObjectModel model;

        Entry(ObjectModel model) {
            this.id = model.id();
            this.name = model.name();
            this.version = model.version();
            this.model = model;
        }

        Entry(int id, String name, String version, Supplier<ObjectModel> loader) {
            this.id = id;
            this.name = name;
            this.version = version;
            this.loader = loader;
        }

        int id() {
            return id;
        }

        String version() {
            return version;
        }

        /** The model, parsed now if it was not yet; null when it cannot be. */
        synchronized ObjectModel model() {
            if (loader != null) {
                try {
                    model = loader.get();
                } finally {
                    loader = null;
                }
            }
            return model;
        }
    }

    private final Map<Long, Source> sources = new TreeMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<Integer, Entry> inForce = Map.of();
    /** The last conflict report per object id, so each is told once. Guarded by sources. */
    private final Map<Integer, String> reportedConflicts = new TreeMap<>();
    private final Consumer<String> conflictReporter;

    ModelCatalog() {
        this(report -> { });
    }

    /** @param conflictReporter told, in words, which copy of an object model provided twice is in force */
    ModelCatalog(Consumer<String> conflictReporter) {
        this.conflictReporter = conflictReporter;
    }

    /** Adds (or replaces) a source. */
    void put(Source source) {
        List<String> conflicts;
        synchronized (sources) {
            sources.put(source.order(), source);
            conflicts = recompute();
        }
        conflicts.forEach(conflictReporter);
        changeListeners.forEach(Runnable::run);
    }

    /** Removes the source with this order; false when there was none. */
    boolean remove(long order) {
        List<String> conflicts;
        synchronized (sources) {
            if (sources.remove(order) == null) {
                return false;
            }
            conflicts = recompute();
        }
        conflicts.forEach(conflictReporter);
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
            Entry e = inForce.get(objectId);
            return sources.values().stream().filter(s -> s.entries().contains(e)).map(Source::name).findFirst();
        }
    }

    /** Recomputes the models in force; answers the conflict reports that are new. */
    private List<String> recompute() {
        Map<Integer, Entry> result = new TreeMap<>();
        Map<Integer, String> winners = new TreeMap<>();
        Map<Integer, List<String>> copies = new TreeMap<>();
        for (Source s : sources.values()) { // ascending order: earlier sources win ties
            for (Entry m : s.entries()) {
                Entry current = result.get(m.id);
                String copy = "v" + m.version + " from " + s.name();
                if (current == null || compareVersions(m.version, current.version) > 0) {
                    result.put(m.id, m);
                    winners.put(m.id, copy);
                }
                copies.computeIfAbsent(m.id, id -> new ArrayList<>()).add(copy);
            }
        }
        inForce = result;
        return conflictReports(result, winners, copies);
    }

    private List<String> conflictReports(Map<Integer, Entry> result, Map<Integer, String> winners,
            Map<Integer, List<String>> copies) {
        List<String> reports = new ArrayList<>();
        reportedConflicts.keySet().removeIf(id -> copies.getOrDefault(id, List.of()).size() < 2);
        copies.forEach((id, all) -> {
            if (all.size() < 2) {
                return;
            }
            List<String> others = new ArrayList<>(all);
            others.remove(winners.get(id));
            String report = "Object model " + id + " (" + result.get(id).name + ") comes from " + all.size()
                    + " sources: in force " + winners.get(id) + "; not used " + String.join(", ", others)
                    + " (the highest ObjectVersion wins, then built-in before bundles, then the lowest bundle id)";
            if (!report.equals(reportedConflicts.put(id, report))) {
                reports.add(report);
            }
        });
        return reports;
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
        Entry e = inForce.get(objectId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.model());
    }

    /** Every model in force; parses those not parsed yet. */
    @Override
    public List<ObjectModel> models() {
        List<ObjectModel> list = new ArrayList<>();
        for (Entry e : inForce.values()) {
            ObjectModel m = e.model();
            if (m != null) {
                list.add(m);
            }
        }
        list.sort(Comparator.comparingInt(ObjectModel::id));
        return list;
    }
}
