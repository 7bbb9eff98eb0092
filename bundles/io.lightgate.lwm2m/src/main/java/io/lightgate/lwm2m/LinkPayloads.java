/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.lwm2m.codec.LinkFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** The registry's tree as the link-format payloads of Register/Update and Discover. */
final class LinkPayloads {

    private static final String LWM2M_VERSION = "1.1";

    private LinkPayloads() {
    }

    static String registration(EndpointTree tree) {
        Map<Integer, LinkFormat.ObjectEntry> objects = new TreeMap<>();
        tree.objects().forEach((id, node) -> {
            String version = LinkFormat.isDefaultVersion(id, node.model().version(), LWM2M_VERSION) ? null : node.model().version();
            objects.put(id, LinkFormat.ObjectEntry.of(version, node.instances().keySet()));
        });
        return LinkFormat.registration(objects);
    }

    /**
     * Links of a device behind the gateway as its server addresses them: each {@code </3/0>} as
     * {@code </prefix/3/0>}. Attribute values are numbers and never hold {@code </}.
     */
    static String prefixed(String links, String prefix) {
        return links.replace("</", "</" + prefix + "/");
    }

    static String discover(EndpointTree tree, LwM2mPath target, Function<LwM2mPath, Map<String, String>> attached) {
        EndpointTree.ObjectNode object = tree.objects().get(target.objectId());
        if (object == null) {
            throw LwM2mException.notFound("endpoint has no object " + target.objectId());
        }
        Map<Integer, Map<Integer, SortedSet<Integer>>> shape = new TreeMap<>();
        Map<LwM2mPath, Map<String, String>> attributes = new HashMap<>();
        put(attributes, LwM2mPath.of(target.objectId()), attached);
        object.instances().forEach((instanceId, resources) -> {
            Map<Integer, SortedSet<Integer>> r = new TreeMap<>();
            resources.forEach(resourceId -> {
                r.put(resourceId, null);
                put(attributes, LwM2mPath.of(target.objectId(), instanceId, resourceId), attached);
            });
            shape.put(instanceId, r);
            put(attributes, LwM2mPath.of(target.objectId(), instanceId), attached);
        });
        String version = LinkFormat.isDefaultVersion(target.objectId(), object.model().version(), LWM2M_VERSION)
                ? null : object.model().version();
        return LinkFormat.discover(target, version, shape, attributes);
    }

    /**
     * A Discover answer without the links of the instances {@code drop} names (and their resources),
     * for a server that may not read them. Entries are split at {@code ,<}; Discover attributes are
     * numbers, so no quoted comma stands in the way.
     */
    static String withoutInstances(String links, IntPredicate drop) {
        StringBuilder kept = new StringBuilder();
        for (String entry : links.split(",(?=<)")) {
            int close = entry.indexOf('>');
            String[] segments = close > 1 ? entry.substring(2, close).split("/") : new String[0];
            if (segments.length >= 2 && segments[1].chars().allMatch(Character::isDigit) && drop.test(Integer.parseInt(segments[1]))) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append(',');
            }
            kept.append(entry);
        }
        return kept.toString();
    }

    private static void put(Map<LwM2mPath, Map<String, String>> into, LwM2mPath path, Function<LwM2mPath, Map<String, String>> attached) {
        Map<String, String> a = attached.apply(path);
        if (a != null && !a.isEmpty()) {
            into.put(path, a);
        }
    }
}
