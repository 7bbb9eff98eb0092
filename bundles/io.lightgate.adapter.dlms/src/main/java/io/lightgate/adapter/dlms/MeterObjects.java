/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.SimpleInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The LwM2M instances of one meter: per mapped object id one instance whose resources read
 * through the {@link Meter} (asynchronously, 5.03 when it does not answer), Execute 5822
 * resetting the energy register, and the load profile object {@value #LOAD_PROFILE} with one
 * instance per column. The objects go to the meter's own endpoint, or are shared with the other
 * meters under the gateway's endpoint (instance ids then derive from {@code gateway.instance} n:
 * n for 10242/10243/3305, 2n and 2n+1 for 3331, 100n + column for 26241).
 */
final class MeterObjects {

    /** Lightgate's DLMS load profile object (DDF shipped in models/26241.xml). */
    static final int LOAD_PROFILE = 26241;

    private final Meter meter;
    private final String profileObis;
    private final int base;
    private final SortedMap<Integer, ResetObject> objects = new TreeMap<>();
    private volatile LoadProfile shownProfile = LoadProfile.EMPTY;

    /**
     * @param gatewayInstance n >= 0 when the meter's instances go under the gateway's endpoint, else -1
     */
    MeterObjects(Meter meter, String profileObis, int gatewayInstance) {
        this.meter = meter;
        this.profileObis = profileObis;
        this.base = Math.max(0, gatewayInstance);
        Map<Integer, Map<Integer, SimpleInstance.Builder>> builders = new TreeMap<>();
        Map<Integer, Map<Integer, Supplier<CompletionStage<Void>>>> resets = new HashMap<>();
        for (MappedResource r : meter.mapping()) {
            int id = instanceId(r.objectId(), r.instanceId());
            SimpleInstance.Builder b = builders.computeIfAbsent(r.objectId(), k -> new TreeMap<>())
                    .computeIfAbsent(id, SimpleInstance::builder);
            b.readableAsync(r.resourceId(), r.type(), () -> meter.read(r));
            if (r.objectId() == 3331 && r.resourceId() == 5700) {
                b.string(5701, r::unit);
            }
            // 3305 and 3331 carry "Reset Cumulative energy": Register reset of the energy register
            if ((r.objectId() == 3305 && r.resourceId() == 5805) || (r.objectId() == 3331 && r.resourceId() == 5700)) {
                b.executable(ResetObject.RESET, args -> {
                    throw new IllegalStateException("the reset runs asynchronously in ResetObject");
                });
                resets.computeIfAbsent(r.objectId(), k -> new HashMap<>()).put(id, () -> meter.reset(r.source()));
            }
        }
        builders.forEach((objectId, instances) -> instances.forEach((id, b) -> objects.computeIfAbsent(objectId, k -> new ResetObject())
                .add(b.build(), resets.getOrDefault(objectId, Map.of()).get(id))));
        if (profileObis != null) {
            objects.put(LOAD_PROFILE, new ResetObject());
        }
    }

    private int instanceId(int objectId, int mapped) {
        return switch (objectId) {
            case 3331 -> 2 * base + mapped;
            case LOAD_PROFILE -> 100 * base + mapped;
            default -> base + mapped;
        };
    }

    SortedMap<Integer, ResetObject> objects() {
        return objects;
    }

    /** Tells observers which resources changed, and updates the load profile instances. */
    void changed(Set<MappedResource> resources) {
        Map<Integer, Map<Integer, List<Integer>>> byObject = new HashMap<>();
        for (MappedResource r : resources) {
            byObject.computeIfAbsent(r.objectId(), k -> new HashMap<>())
                    .computeIfAbsent(instanceId(r.objectId(), r.instanceId()), k -> new ArrayList<>()).add(r.resourceId());
        }
        byObject.forEach((objectId, instances) -> instances.forEach((instanceId, ids) ->
                objects.get(objectId).fireResourcesChanged(instanceId, ids.stream().mapToInt(Integer::intValue).toArray())));
        ResetObject profile = objects.get(LOAD_PROFILE);
        if (profile != null) {
            updateProfile(profile, meter.state().profile());
        }
    }

    /** One instance per value column; instances are added when the columns first appear. */
    private void updateProfile(ResetObject profile, LoadProfile lp) {
        if (lp == shownProfile) {
            return;
        }
        shownProfile = lp;
        for (int i = 0; i < lp.columns().size(); i++) {
            int column = i;
            int id = instanceId(LOAD_PROFILE, i);
            if (!profile.instanceIds().contains(id)) {
                profile.add(SimpleInstance.builder(id)
                        .string(0, () -> profileObis)
                        .string(1, () -> column(column).obis())
                        .string(2, () -> column(column).unit())
                        .readableInstances(3, ResourceType.TIME, () -> times(column))
                        .readableInstances(4, ResourceType.FLOAT, () -> values(column))
                        .build(), null);
            } else {
                profile.fireResourcesChanged(id, 3, 4);
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
