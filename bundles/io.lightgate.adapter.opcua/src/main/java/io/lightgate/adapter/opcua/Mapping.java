/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.opcua.common.Scaling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One mapping entry: an OPC UA node (variable, or method) to an LwM2M resource, with a linear
 * conversion {@code lwm2m = opcua * scale + offset} for numbers. Immutable.
 *
 * @param nodeId the OPC UA node id as text ({@code ns=2;s=Oven1/Temperature})
 * @param objectId LwM2M object id
 * @param instanceId LwM2M instance id
 * @param resourceId LwM2M resource id
 * @param scale multiplier applied to OPC UA numbers
 * @param offset added after scaling
 * @param ownerNodeId for methods: the object to call the method on; null: the method's owner
 * @param units what the object's units resource (e.g. 5701) answers; null: the node's EngineeringUnits
 */
record Mapping(String nodeId, int objectId, int instanceId, int resourceId, double scale, double offset, String ownerNodeId,
        String units) implements Scaling {

    Mapping {
        Scaling.checkScale(scale);
    }

    /** A mapping without units of its own. */
    Mapping(String nodeId, int objectId, int instanceId, int resourceId, double scale, double offset, String ownerNodeId) {
        this(nodeId, objectId, instanceId, resourceId, scale, offset, ownerNodeId, null);
    }

    String path() {
        return "/" + objectId + "/" + instanceId + "/" + resourceId;
    }

    /**
     * Parses the configured entries. A bad entry is reported to {@code errors} (naming the
     * entry, its position and {@code where}) and left out; the others are kept.
     *
     * @param where names the configuration for error messages (e.g. the etc/ file)
     */
    static List<Mapping> parseAll(String[] entries, String where, java.util.function.Consumer<String> errors) {
        List<Mapping> result = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            if (entry == null || entry.isBlank()) {
                continue;
            }
            Mapping m;
            try {
                m = parse(entry);
            } catch (IllegalArgumentException e) {
                errors.accept("mappings[" + i + "] '" + entry.strip() + "' in " + where + ": " + e.getMessage()
                        + " (expected '<node id> -> <object>/<instance>/<resource> [scale=<f>] [offset=<f>] [object=<node id>] [units=<text>]');"
                        + " left out");
                continue;
            }
            if (!paths.add(m.path())) {
                errors.accept("mappings[" + i + "] '" + entry.strip() + "' in " + where + ": " + m.path()
                        + " is mapped twice; left out");
                continue;
            }
            result.add(m);
        }
        return List.copyOf(result);
    }

    static Mapping parse(String entry) {
        int arrow = entry.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("no '->'");
        }
        String node = entry.substring(0, arrow).strip();
        if (node.isEmpty()) {
            throw new IllegalArgumentException("no node id before '->'");
        }
        String[] target = entry.substring(arrow + 2).strip().split("\\s+");
        if (target.length == 0 || target[0].isEmpty()) {
            throw new IllegalArgumentException("no LwM2M path after '->'");
        }
        String[] ids = target[0].replaceFirst("^/", "").split("/");
        if (ids.length != 3) {
            throw new IllegalArgumentException("'" + target[0] + "' is not <object>/<instance>/<resource>");
        }
        int[] numbers = new int[3];
        for (int k = 0; k < 3; k++) {
            try {
                numbers[k] = Integer.parseInt(ids[k]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + target[0] + "' is not <object>/<instance>/<resource>");
            }
            if (numbers[k] < 0 || numbers[k] > 65535) {
                throw new IllegalArgumentException("'" + target[0] + "': ids are 0..65535");
            }
        }
        double scale = 1;
        double offset = 0;
        String owner = null;
        String units = null;
        for (int k = 1; k < target.length; k++) {
            int eq = target[k].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + target[k] + "' is not key=value");
            }
            String key = target[k].substring(0, eq).toLowerCase(Locale.ROOT);
            String value = target[k].substring(eq + 1);
            switch (key) {
                case "scale" -> scale = number(key, value);
                case "offset" -> offset = number(key, value);
                case "object" -> owner = value;
                case "units" -> units = value.isEmpty() ? null : value;
                default -> throw new IllegalArgumentException("unknown option '" + key + "' (scale, offset, object, units)");
            }
        }
        return new Mapping(node, numbers[0], numbers[1], numbers[2], scale, offset, owner, units);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not a number");
        }
    }
}
