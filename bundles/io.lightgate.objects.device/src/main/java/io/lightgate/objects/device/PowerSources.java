/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import io.lightgate.api.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resources 6, 7 and 8 of the Device object: the Available Power Sources and, per source (same
 * resource instance id), its Power Source Voltage (mV) and Current (mA). A source the host
 * measures (a matching entry of /sys/class/power_supply with voltage_now or current_now) reports
 * what the host reads now; any other source reports the nominal value configured for it, 0 when
 * none is. Immutable apart from what the host reads.
 */
final class PowerSources {

    /** One configured source. {@code supply} is null when the host does not measure it. */
    record Source(int type, HostPowerSupplies.Supply supply, long nominalMillivolts, long nominalMilliamps) {

        long millivolts() {
            OptionalLong now = supply == null ? OptionalLong.empty() : supply.millivolts();
            return now.orElse(nominalMillivolts);
        }

        long milliamps() {
            OptionalLong now = supply == null ? OptionalLong.empty() : supply.milliamps();
            return now.orElse(nominalMilliamps);
        }
    }

    private final List<Source> sources;

    private PowerSources(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The sources of the configuration, in its order, each matched with the first host supply of
     * its kind that measures something and no earlier source took.
     *
     * @param types resource 6 values; entries outside 0..7 are left out (see {@link #invalid})
     * @param millivolts nominal voltages, by position in {@code types} (missing ones are 0)
     * @param milliamps nominal currents, by position in {@code types} (missing ones are 0)
     */
    static PowerSources of(int[] types, long[] millivolts, long[] milliamps, List<HostPowerSupplies.Supply> host) {
        List<Source> sources = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int[] t = types == null ? new int[0] : types;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0 || t[i] > 7) {
                continue;
            }
            int type = t[i];
            HostPowerSupplies.Supply supply = host.stream()
                    .filter(s -> !taken.contains(s.name()) && HostPowerSupplies.matches(type, s.type()) && s.measures())
                    .findFirst().orElse(null);
            if (supply != null) {
                taken.add(supply.name());
            }
            sources.add(new Source(type, supply, at(millivolts, i), at(milliamps, i)));
        }
        return new PowerSources(sources);
    }

    /** Configured entries that are no power source of the DDF (outside 0..7). */
    static List<Integer> invalid(int[] types) {
        List<Integer> out = new ArrayList<>();
        for (int t : types == null ? new int[0] : types) {
            if (t < 0 || t > 7) {
                out.add(t);
            }
        }
        return out;
    }

    List<Source> sources() {
        return sources;
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Whether the host measures at least one source, i.e. values may change. */
    boolean anyMeasured() {
        return sources.stream().anyMatch(s -> s.supply() != null);
    }

    /** Resource 6. */
    Map<Integer, Value> types() {
        return byInstance(s -> s.type());
    }

    /** Resource 7, in mV. */
    Map<Integer, Value> voltages() {
        return byInstance(Source::millivolts);
    }

    /** Resource 8, in mA. */
    Map<Integer, Value> currents() {
        return byInstance(Source::milliamps);
    }

    private Map<Integer, Value> byInstance(java.util.function.ToLongFunction<Source> value) {
        Map<Integer, Value> out = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            out.put(i, Value.of(value.applyAsLong(sources.get(i))));
        }
        return Map.copyOf(out);
    }

    private static long at(long[] values, int index) {
        return values != null && index < values.length ? values[index] : 0;
    }
}
