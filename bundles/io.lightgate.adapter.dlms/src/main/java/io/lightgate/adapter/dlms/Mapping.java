/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default OBIS to LwM2M mapping (3-phase meters to 10242, single phase to 10243, optionally
 * Energy 3331 and Power Measurement 3305) with the units the OMA models ask for, and the
 * configuration's overrides.
 */
final class Mapping {

    private static final String VOLTAGE_L1 = "1.0.32.7.0.255", VOLTAGE_L2 = "1.0.52.7.0.255", VOLTAGE_L3 = "1.0.72.7.0.255";
    private static final String CURRENT_L1 = "1.0.31.7.0.255", CURRENT_L2 = "1.0.51.7.0.255", CURRENT_L3 = "1.0.71.7.0.255";
    private static final String POWER_NET = "1.0.1.7.0.255-1.0.2.7.0.255";
    private static final String POWER_IMPORT = "1.0.1.7.0.255";
    static final String ENERGY_IMPORT = "1.0.1.8.0.255";
    static final String ENERGY_EXPORT = "1.0.2.8.0.255";
    private static final String FREQUENCY = "1.0.14.7.0.255", POWER_FACTOR = "1.0.13.7.0.255";
    private static final String SERIAL = "1:0.0.96.1.0.255", MANUFACTURER = "1:0.0.96.1.1.255";

    private Mapping() {
    }

    /** Units of the resources the defaults and overrides may name, from the OMA DDF files. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("10242/4", "V"), Map.entry("10242/14", "V"), Map.entry("10242/24", "V"),
            Map.entry("10242/5", "A"), Map.entry("10242/15", "A"), Map.entry("10242/25", "A"),
            Map.entry("10242/6", "kW"), Map.entry("10242/16", "kW"), Map.entry("10242/26", "kW"), Map.entry("10242/34", "kW"),
            Map.entry("10242/7", "kvar"), Map.entry("10242/35", "kvar"), Map.entry("10242/38", "kVA"),
            Map.entry("10242/41", "kWh"), Map.entry("10242/42", "kvarh"), Map.entry("10242/45", "kVAh"),
            Map.entry("10242/49", "Hz"), Map.entry("10242/50", "A"),
            Map.entry("10243/4", "V"), Map.entry("10243/5", "A"), Map.entry("10243/6", "kW"), Map.entry("10243/7", "kvar"),
            Map.entry("10243/10", "kVA"), Map.entry("10243/14", "kWh"), Map.entry("10243/15", "kvarh"),
            Map.entry("10243/17", "Hz"),
            Map.entry("3305/5800", "W"), Map.entry("3305/5805", "Wh"), Map.entry("3305/5810", "var"),
            Map.entry("3305/5815", "varh"),
            Map.entry("3331/5700", "kWh"));

    /** Resources whose value is text. */
    private static boolean isText(int objectId, int resourceId) {
        return (objectId == 10242 || objectId == 10243) && resourceId <= 3;
    }

    /** The defaults for a meter with that many phases, with or without 3331/3305. */
    static Map<String, String> defaults(int phases, boolean energyObjects) {
        Map<String, String> m = new LinkedHashMap<>();
        if (phases == 1) {
            m.put("10243/0", MANUFACTURER);
            m.put("10243/2", SERIAL);
            m.put("10243/4", VOLTAGE_L1);
            m.put("10243/5", CURRENT_L1);
            m.put("10243/6", POWER_NET);
            m.put("10243/11", POWER_FACTOR);
            m.put("10243/14", ENERGY_IMPORT);
            m.put("10243/17", FREQUENCY);
        } else {
            m.put("10242/0", MANUFACTURER);
            m.put("10242/2", SERIAL);
            m.put("10242/4", VOLTAGE_L1);
            m.put("10242/5", CURRENT_L1);
            m.put("10242/14", VOLTAGE_L2);
            m.put("10242/15", CURRENT_L2);
            m.put("10242/24", VOLTAGE_L3);
            m.put("10242/25", CURRENT_L3);
            m.put("10242/34", POWER_NET);
            m.put("10242/39", POWER_FACTOR);
            m.put("10242/41", ENERGY_IMPORT);
            m.put("10242/49", FREQUENCY);
        }
        if (energyObjects) {
            m.put("3305/5800", POWER_IMPORT);
            m.put("3305/5805", ENERGY_IMPORT);
            m.put("3305/5820", POWER_FACTOR);
            m.put("3331/5700", ENERGY_IMPORT);
            m.put("3331/1/5700", ENERGY_EXPORT);
        }
        return m;
    }

    /**
     * Applies overrides ({@code object/resource=[class:]obis[-obis]}, empty value removes) to the
     * defaults and builds the resources.
     *
     * @throws IllegalArgumentException naming the entry that does not parse
     */
    static List<MappedResource> resolve(int phases, boolean energyObjects, String[] overrides) {
        Map<String, String> m = defaults(phases, energyObjects);
        for (String entry : overrides == null ? new String[0] : overrides) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("mapping entry '" + entry + "' is not <object>/<resource>=<obis>");
            }
            String key = entry.substring(0, eq).strip();
            String value = entry.substring(eq + 1).strip();
            if (value.isEmpty()) {
                m.remove(key);
            } else {
                m.put(key, value);
            }
        }
        List<MappedResource> out = new ArrayList<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            String[] path = e.getKey().split("/");
            try {
                int objectId = Integer.parseInt(path[0]);
                int instanceId = path.length == 3 ? Integer.parseInt(path[1]) : 0;
                int resourceId = Integer.parseInt(path[path.length - 1]);
                if (path.length < 2 || path.length > 3) {
                    throw new IllegalArgumentException("path must be <object>/<resource> or <object>/<instance>/<resource>");
                }
                out.add(new MappedResource(objectId, instanceId, resourceId, Source.parse(e.getValue()),
                        UNITS.getOrDefault(objectId + "/" + resourceId, ""),
                        isText(objectId, resourceId) ? ResourceType.STRING : ResourceType.FLOAT));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("mapping entry '" + e.getKey() + "=" + e.getValue() + "': " + ex.getMessage(), ex);
            }
        }
        return out;
    }
}
