/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the access control configuration ({@code entries} in etc/io.lightgate.lwm2m.acl.cfg):
 *
 * <pre>
 * &lt;endpoint&gt;|* &lt;object&gt;/&lt;instance&gt; [owner=&lt;ssid&gt;] [&lt;ssid&gt;|default=&lt;rights&gt;]...
 * </pre>
 *
 * e.g. {@code * 3303/0 1=R 2=RW} (on every endpoint, server 1 may read /3303/0, server 2 read and
 * write), {@code * 3303/65535 2=C} (server 2 may create 3303 instances), {@code gw 3/0 default=R owner=1}.
 * Rights are letters of RWEDC, {@code -} or a number. Without {@code owner=} the owner is 65535: only a
 * bootstrap server may change the instance.
 *
 * @param endpoint an endpoint name, or {@code *} for every endpoint
 * @param objectId the object
 * @param instanceId the instance (65535: object-level Create)
 * @param acl short server id (0 = default) to rights
 * @param owner the Access Control Owner
 */
public record AclEntry(String endpoint, int objectId, int instanceId, Map<Integer, Integer> acl, int owner) {

    public static final String EVERY_ENDPOINT = "*";

    public AclEntry {
        acl = Map.copyOf(acl);
        new AclInstance(0, objectId, instanceId, new TreeMap<>(acl), owner); // validates the numbers
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException saying what is wrong with the line (the caller adds the file)
     */
    public static AclEntry parse(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("'" + line + "' is not '<endpoint>|* <object>/<instance> [owner=<ssid>] <ssid>=<rights>...'");
        }
        String[] target = parts[1].split("/");
        if (target.length != 2) {
            throw new IllegalArgumentException("'" + parts[1] + "' in '" + line + "' is not <object>/<instance> (65535 as instance: Create)");
        }
        int objectId = number(target[0], "object id", line);
        int instanceId = number(target[1], "instance id", line);
        int owner = AclInstance.BOOTSTRAP_OWNER;
        Map<Integer, Integer> acl = new LinkedHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + parts[i] + "' in '" + line + "' is not <ssid>=<rights> or owner=<ssid>");
            }
            if (kv[0].equalsIgnoreCase("owner")) {
                owner = number(kv[1], "owner", line);
            } else {
                int ssid = kv[0].equalsIgnoreCase("default") ? AclInstance.DEFAULT_ACL : number(kv[0], "short server id", line);
                try {
                    acl.put(ssid, AccessRights.parse(kv[1]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " in '" + line + "'");
                }
            }
        }
        try {
            return new AclEntry(parts[0], objectId, instanceId, acl, owner);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + line + "'");
        }
    }

    /**
     * The Access Control instances of one endpoint from every entry: an entry naming the endpoint
     * replaces a {@code *} entry about the same object instance. Instance ids 0, 1, ... in entry order.
     */
    public static List<AclInstance> instancesFor(String endpoint, Collection<AclEntry> entries) {
        Map<String, AclEntry> chosen = new LinkedHashMap<>();
        for (AclEntry e : entries) {
            String key = e.objectId() + "/" + e.instanceId();
            if (e.endpoint().equals(endpoint) || (e.endpoint().equals(EVERY_ENDPOINT) && !namesEndpoint(chosen.get(key), endpoint))) {
                chosen.put(key, e);
            }
        }
        List<AclInstance> result = new ArrayList<>();
        for (AclEntry e : chosen.values()) {
            result.add(new AclInstance(result.size(), e.objectId(), e.instanceId(), new TreeMap<>(e.acl()), e.owner()));
        }
        return result;
    }

    /** Whether any entry applies to the endpoint. */
    public static boolean appliesTo(String endpoint, Collection<AclEntry> entries) {
        return entries.stream().anyMatch(e -> e.endpoint().equals(endpoint) || e.endpoint().equals(EVERY_ENDPOINT));
    }

    private static boolean namesEndpoint(AclEntry e, String endpoint) {
        return e != null && e.endpoint().equals(endpoint);
    }

    private static int number(String text, String what, String line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' in '" + line + "' is not a number");
        }
    }
}
