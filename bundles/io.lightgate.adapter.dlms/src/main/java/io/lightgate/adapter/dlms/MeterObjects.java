/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * The LwM2M objects of one meter: one {@link SimpleObject} per mapped object id, whose
 * resources read through the {@link Meter} (asynchronously, 5.03 when it does not answer),
 * Execute 5822 resetting the energy register, and the load profile object {@value #LOAD_PROFILE}.
 */
final class MeterObjects {

    /** Lightgate's DLMS load profile object (DDF shipped in models/26241.xml). */
    static final int LOAD_PROFILE = 26241;

    private final Meter meter;
    private final String profileObis;
    private final SortedMap<Integer, SimpleObject> objects = new TreeMap<>();
    private volatile LoadProfile shownProfile = LoadProfile.EMPTY;

    /** An object whose Execute 5822 resets a register without blocking the caller. */
    private static final class MeterObject extends SimpleObject {
        private final Map<Integer, Source> resets;
        private final Meter meter;

        MeterObject(Meter meter, Map<Integer, Source> resets, SimpleInstance... instances) {
            super(instances);
            this.meter = meter;
            this.resets = Map.copyOf(resets);
        }

        @Override
        public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
            Source register = resets.get(instanceId);
            if (resourceId == 5822 && register != null) {
                return meter.reset(register);
            }
            return super.execute(instanceId, resourceId, arguments);
        }
    }

    MeterObjects(Meter meter, String profileObis) {
        this.meter = meter;
        this.profileObis = profileObis;
        Map<Integer, Map<Integer, SimpleInstance.Builder>> builders = new TreeMap<>();
        for (MappedResource r : meter.mapping()) {
            SimpleInstance.Builder b = builders.computeIfAbsent(r.objectId(), k -> new TreeMap<>())
                    .computeIfAbsent(r.instanceId(), SimpleInstance::builder);
            b.readableAsync(r.resourceId(), r.type(), () -> meter.read(r));
            if (r.objectId() == 3331 && r.resourceId() == 5700) {
                b.string(5701, () -> r.unit());
            }
        }
        // Register reset: 3305 and 3331 carry "Reset Cumulative energy" (5822), run by MeterObject.execute
        Map<Integer, Map<Integer, Source>> resets = new HashMap<>();
        for (MappedResource r : meter.mapping()) {
            boolean energy = (r.objectId() == 3305 && r.resourceId() == 5805) || (r.objectId() == 3331 && r.resourceId() == 5700);
            if (energy) {
                builders.get(r.objectId()).get(r.instanceId()).executable(5822, args -> {
                    throw new IllegalStateException("reset runs asynchronously in MeterObject");
                });
                resets.computeIfAbsent(r.objectId(), k -> new HashMap<>()).put(r.instanceId(), r.source());
            }
        }
        builders.forEach((objectId, instances) -> {
            List<SimpleInstance> built = new ArrayList<>();
            instances.values().forEach(b -> built.add(b.build()));
            objects.put(objectId, new MeterObject(meter, resets.getOrDefault(objectId, Map.of()),
                    built.toArray(new SimpleInstance[0])));
        });
        if (profileObis != null) {
            objects.put(LOAD_PROFILE, new SimpleObject());
        }
    }

    SortedMap<Integer, SimpleObject> objects() {
        return objects;
    }

    /** Tells observers which resources changed, and rebuilds the load profile instances. */
    void changed(Set<MappedResource> resources) {
        Map<Integer, Map<Integer, List<Integer>>> byObject = new HashMap<>();
        for (MappedResource r : resources) {
            byObject.computeIfAbsent(r.objectId(), k -> new HashMap<>()).computeIfAbsent(r.instanceId(), k -> new ArrayList<>())
                    .add(r.resourceId());
        }
        byObject.forEach((objectId, instances) -> instances.forEach((instanceId, ids) ->
                objects.get(objectId).fireResourcesChanged(instanceId, ids.stream().mapToInt(Integer::intValue).toArray())));
        SimpleObject profile = objects.get(LOAD_PROFILE);
        if (profile != null) {
            updateProfile(profile, meter.state().profile());
        }
    }

    /** One instance per value column; instances are added when the columns first appear. */
    private void updateProfile(SimpleObject profile, LoadProfile lp) {
        LoadProfile before = shownProfile;
        if (lp == before) {
            return;
        }
        shownProfile = lp;
        for (int i = 0; i < lp.columns().size(); i++) {
            int column = i;
            if (!profile.instanceIds().contains(i)) {
                profile.addInstance(SimpleInstance.builder(i)
                        .string(0, () -> profileObis)
                        .string(1, () -> column(column).obis())
                        .string(2, () -> column(column).unit())
                        .readableInstances(3, ResourceType.TIME, () -> times(column))
                        .readableInstances(4, ResourceType.FLOAT, () -> values(column))
                        .build());
            } else {
                profile.fireResourcesChanged(i, 3, 4);
            }
        }
    }

    private LoadProfile.Column column(int i) {
        List<LoadProfile.Column> columns = shownProfile.columns();
        return i < columns.size() ? columns.get(i) : new LoadProfile.Column("", "", List.of());
    }

    /** Entry times of the rows that have a value in this column, by entry index (oldest 0). */
    private Map<Integer, Value> times(int column) {
        LoadProfile lp = shownProfile;
        List<Double> values = column(column).values();
        Map<Integer, Value> out = new TreeMap<>();
        for (int k = 0; k < lp.times().size() && k < values.size(); k++) {
            if (values.get(k) != null) {
                out.put(k, Value.ofTime(lp.times().get(k)));
            }
        }
        return out;
    }

    private Map<Integer, Value> values(int column) {
        List<Double> values = column(column).values();
        Map<Integer, Value> out = new TreeMap<>();
        for (int k = 0; k < values.size(); k++) {
            if (values.get(k) != null) {
                out.put(k, Value.of(values.get(k)));
            }
        }
        return out;
    }
}
