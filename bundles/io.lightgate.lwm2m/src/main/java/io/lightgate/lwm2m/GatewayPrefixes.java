/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.registry.EndpointTree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The prefixes of the end devices behind the gateway's registration (LwM2M Gateway object 25):
 * a device's objects are addressed as {@code /<prefix>/<object>/...} on the gateway's endpoint.
 * A prefix is the device's name made safe for a path segment (lower case letters, digits, '-'
 * and '_', starting with a letter), or {@code dev<N>} when that is empty, numeric, reserved or
 * taken. Not thread-safe: the engine calls it under its lifecycle lock.
 */
final class GatewayPrefixes {

    // path segments the gateway's own endpoint answers itself (Bootstrap-Finish is POST /bs)
    private static final Set<String> RESERVED = Set.of("bs", "rd", "dp");
    private static final int MAX_LENGTH = 32;

    private final Map<String, String> prefixByDevice = new LinkedHashMap<>();

    /** The device's prefix, assigned now if it has none; stable while the device stays. */
    String assign(String device) {
        String existing = prefixByDevice.get(device);
        if (existing != null) {
            return existing;
        }
        String prefix = sanitized(device);
        if (prefix.isEmpty() || RESERVED.contains(prefix) || prefixByDevice.containsValue(prefix)) {
            int n = 1;
            while (prefixByDevice.containsValue("dev" + n)) {
                n++; // bounded by the number of devices
            }
            prefix = "dev" + n;
        }
        prefixByDevice.put(device, prefix);
        return prefix;
    }

    /** Forgets the device's prefix; it may go to another device later. */
    Optional<String> release(String device) {
        return Optional.ofNullable(prefixByDevice.remove(device));
    }

    Optional<String> prefixOf(String device) {
        return Optional.ofNullable(prefixByDevice.get(device));
    }

    /** The device a request's first path segment addresses, if that segment is a known prefix. */
    Optional<String> deviceOf(String firstSegment) {
        return prefixByDevice.entrySet().stream().filter(e -> e.getValue().equals(firstSegment)).map(Map.Entry::getKey).findFirst();
    }

    /** A name as a prefix: empty when nothing usable is left or it could be taken for an object id. */
    static String sanitized(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (b.length() == MAX_LENGTH) {
                break;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        while (b.length() > 0 && !Character.isLetter(b.charAt(0))) {
            b.deleteCharAt(0); // never numeric, never mistaken for an object id
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.deleteCharAt(b.length() - 1);
        }
        return b.toString();
    }

    /**
     * IoT Device Objects (25/x/3): the device's object instances as CoRE links under its prefix,
     * e.g. {@code </dev1/3/0>,</dev1/3303/0>}; an object without instances is listed as {@code </dev1/o>}.
     */
    static String deviceObjects(String prefix, EndpointTree tree) {
        StringJoiner links = new StringJoiner(",");
        tree.objects().forEach((objectId, node) -> {
            if (objectId <= 2) {
                return; // Security, Server and Access Control are the gateway's, not the device's
            }
            if (node.instances().isEmpty()) {
                links.add("</" + prefix + "/" + objectId + ">");
            }
            node.instances().keySet().forEach(i -> links.add("</" + prefix + "/" + objectId + "/" + i + ">"));
        });
        return links.toString();
    }
}
