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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Resources 6, 7 and 8 of the Device object: the Available Power Sources and, per source (same
 * resource instance id), its Power Source Voltage (mV) and Current (mA). A source the host
 * measures (a matching entry of /sys/class/power_supply with voltage_now or current_now) reports
 * what the host reads now; any other source reports the nominal value configured for it, and
 * without one it has no instance in 7 or 8: no number is made up. Immutable apart from what the
 * host reads.
 */
final class PowerSources {

    /** One source. {@code supply} is null when the host does not measure it. */
    record Source(int type, HostPowerSupplies.Supply supply, OptionalLong nominalMillivolts, OptionalLong nominalMilliamps) {

        OptionalLong millivolts() {
            OptionalLong now = supply == null ? OptionalLong.empty() : supply.millivolts();
            return now.isPresent() ? now : nominalMillivolts;
        }

        OptionalLong milliamps() {
            OptionalLong now = supply == null ? OptionalLong.empty() : supply.milliamps();
            return now.isPresent() ? now : nominalMilliamps;
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
     * @param millivolts nominal voltages, by position in {@code types} (missing ones: none)
     * @param milliamps nominal currents, by position in {@code types} (missing ones: none)
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
                    .filter(s -> !taken.contains(s.name()) && HostPowerSupplies.matches(type, s.type()) && s.measures() && s.powersTheHost())
                    .findFirst().orElse(null);
            if (supply != null) {
                taken.add(supply.name());
            }
            sources.add(new Source(type, supply, at(millivolts, i), at(milliamps, i)));
        }
        return new PowerSources(sources);
    }

    /**
     * The sources the host reports, when none are configured: one per supply under
     * /sys/class/power_supply whose type is an LwM2M power source (batteries only when present,
     * and no peripheral's battery),
     * in sysfs order. None when the host reports none.
     */
    static PowerSources ofHost(List<HostPowerSupplies.Supply> host) {
        List<Source> sources = new ArrayList<>();
        for (HostPowerSupplies.Supply s : host) {
            OptionalInt type = HostPowerSupplies.sourceOf(s.type());
            if (type.isPresent() && s.present() && s.powersTheHost()) {
                sources.add(new Source(type.getAsInt(), s, OptionalLong.empty(), OptionalLong.empty()));
            }
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
        return sources.stream().anyMatch(s -> s.supply() != null && s.supply().measures());
    }

    /** Resource 6. */
    Map<Integer, Value> types() {
        return byInstance(s -> OptionalLong.of(s.type()));
    }

    /** Resource 7, in mV: the sources whose voltage is measured or configured. */
    Map<Integer, Value> voltages() {
        return byInstance(Source::millivolts);
    }

    /** Resource 8, in mA: the sources whose current is measured or configured. */
    Map<Integer, Value> currents() {
        return byInstance(Source::milliamps);
    }

    private Map<Integer, Value> byInstance(Function<Source, OptionalLong> value) {
        Map<Integer, Value> out = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            OptionalLong v = value.apply(sources.get(i));
            if (v.isPresent()) {
                out.put(i, Value.of(v.getAsLong()));
            }
        }
        return Map.copyOf(out);
    }

    private static OptionalLong at(long[] values, int index) {
        return values != null && index < values.length ? OptionalLong.of(values[index]) : OptionalLong.empty();
    }
}
