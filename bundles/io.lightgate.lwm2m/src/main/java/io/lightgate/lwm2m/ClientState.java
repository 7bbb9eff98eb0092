/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a bootstrap server provisions on one endpoint: the instances of Security (0), Server (1)
 * and Access Control (2). Immutable: a bootstrap session works on a copy (the pending state),
 * which replaces the committed one only when Bootstrap-Finish accepts it, so a half-finished
 * bootstrap never mixes old and new credentials.
 */
final class ClientState {

    static final int SECURITY = 0;
    static final int SERVER = 1;
    static final int ACCESS_CONTROL = 2;
    static final List<Integer> OBJECTS = List.of(SECURITY, SERVER, ACCESS_CONTROL);

    private static final ClientState EMPTY = new ClientState(Map.of());

    private final SortedMap<Integer, SortedMap<Integer, InstanceContent>> objects;

    private ClientState(Map<Integer, ? extends Map<Integer, InstanceContent>> objects) {
        SortedMap<Integer, SortedMap<Integer, InstanceContent>> copy = new TreeMap<>();
        objects.forEach((id, instances) -> {
            if (!instances.isEmpty()) {
                copy.put(id, Collections.unmodifiableSortedMap(new TreeMap<>(instances)));
            }
        });
        this.objects = Collections.unmodifiableSortedMap(copy);
    }

    static ClientState empty() {
        return EMPTY;
    }

    static ClientState of(Map<Integer, ? extends Map<Integer, InstanceContent>> objects) {
        return new ClientState(objects);
    }

    boolean isEmpty() {
        return objects.isEmpty();
    }

    /** The instances of object 0, 1 or 2, by id. */
    SortedMap<Integer, InstanceContent> instances(int objectId) {
        return objects.getOrDefault(objectId, Collections.emptySortedMap());
    }

    SortedMap<Integer, SortedMap<Integer, InstanceContent>> objects() {
        return objects;
    }

    /** The Security instances, read as such. */
    List<SecurityInstance> securityInstances() {
        return instances(SECURITY).values().stream().map(SecurityInstance::of).toList();
    }

    /** The id of the bootstrap server's own Security instance, if there is one. */
    Optional<Integer> bootstrapInstanceId() {
        return securityInstances().stream().filter(SecurityInstance::bootstrapServer).map(SecurityInstance::instanceId).findFirst();
    }

    /**
     * Makes sure a bootstrap Security instance names {@code uri} (the bootstrap server this gateway
     * is configured with); adds one with the lowest free id when there is none.
     */
    ClientState withBootstrapAccount(String uri) {
        Optional<Integer> existing = bootstrapInstanceId();
        if (existing.isPresent()) {
            if (SecurityInstance.of(instances(SECURITY).get(existing.get())).uri().equals(uri)) {
                return this;
            }
            return write(LwM2mPath.of(SECURITY, existing.get()), List.of(Resource.of(0, Value.of(uri))));
        }
        int id = 0;
        while (instances(SECURITY).containsKey(id)) {
            id++;
        }
        return write(LwM2mPath.of(SECURITY, id), List.of(Resource.of(0, Value.of(uri)), Resource.of(1, Value.of(true)),
                Resource.of(2, Value.of(SecurityInstance.NO_SEC)), Resource.of(3, Value.ofOpaque(new byte[0])),
                Resource.of(4, Value.ofOpaque(new byte[0])), Resource.of(5, Value.ofOpaque(new byte[0]))));
    }

    /** Bootstrap-Write of resources into one instance: created if absent, the written resources replaced. */
    ClientState write(LwM2mPath instance, Collection<Resource> resources) {
        return write(instance, resources, false);
    }

    /** As {@link #write(LwM2mPath, Collection)}; {@code writesOneInstance} for a write of a resource instance. */
    ClientState write(LwM2mPath instance, Collection<Resource> resources, boolean writesOneInstance) {
        requireProvisioned(instance.objectId());
        Map<Integer, SortedMap<Integer, InstanceContent>> copy = mutableCopy();
        SortedMap<Integer, InstanceContent> instances = copy.computeIfAbsent(instance.objectId(), k -> new TreeMap<>());
        InstanceContent old = instances.get(instance.instanceId());
        SortedMap<Integer, Resource> merged = new TreeMap<>(old == null ? Map.of() : old.resources());
        for (Resource r : resources) {
            Resource previous = merged.get(r.id());
            if (writesOneInstance && previous != null && previous.isMultiple() && r.isMultiple()) {
                // a write of /o/i/r/ri adds or replaces that resource instance only
                Map<Integer, Value> values = new TreeMap<>(previous.instances());
                values.putAll(r.instances());
                merged.put(r.id(), Resource.ofInstances(r.id(), r.type(), values));
            } else {
                merged.put(r.id(), r);
            }
        }
        instances.put(instance.instanceId(), new InstanceContent(instance.instanceId(), merged));
        return new ClientState(copy);
    }

    /**
     * Bootstrap-Delete of /, /0, /1, /2 or one of their instances. The bootstrap server's own
     * Security instance stays (Core 5.2.7.5).
     *
     * @throws LwM2mException 4.00 for a path that Bootstrap-Delete does not allow
     */
    ClientState delete(LwM2mPath path) {
        if (path.depth() > 2) {
            throw LwM2mException.badRequest("Bootstrap-Delete works on /, an object or an object instance, not " + path);
        }
        Optional<Integer> keep = bootstrapInstanceId();
        Map<Integer, SortedMap<Integer, InstanceContent>> copy = mutableCopy();
        for (int objectId : OBJECTS) {
            if (!path.isRoot() && path.objectId() != objectId) {
                continue;
            }
            SortedMap<Integer, InstanceContent> instances = copy.getOrDefault(objectId, new TreeMap<>());
            if (path.isInstance()) {
                if (objectId == SECURITY && keep.isPresent() && keep.get() == path.instanceId()) {
                    throw LwM2mException.badRequest("/0/" + path.instanceId() + " is the bootstrap server's own account; it is not deleted");
                }
                instances.remove(path.instanceId());
            } else {
                instances.keySet().removeIf(id -> !(objectId == SECURITY && keep.isPresent() && keep.get().equals(id)));
            }
        }
        return new ClientState(copy);
    }

    /**
     * The consistency check of Bootstrap-Finish: at least one complete server account (a Security
     * instance that is not the bootstrap server's, with a URI and a Short Server ID, and a Server
     * instance with that Short Server ID), and every account's URI usable.
     *
     * @return what is wrong, or empty when the state can be used
     */
    Optional<String> inconsistency() {
        List<String> problems = new ArrayList<>();
        int complete = 0;
        for (SecurityInstance s : securityInstances()) {
            if (s.bootstrapServer()) {
                continue;
            }
            if (s.uri().isBlank()) {
                problems.add("/0/" + s.instanceId() + " has no Server URI (0/" + s.instanceId() + "/0)");
                continue;
            }
            if (s.shortServerId() < 1 || s.shortServerId() > 65534) {
                problems.add("/0/" + s.instanceId() + " has no valid Short Server ID (resource 10)");
                continue;
            }
            try {
                URI uri = ServerDefinition.parseUri(s.uri(), "/0/" + s.instanceId() + "/0");
                // the credentials must be usable: keys that do not parse, a coaps:// URI without a security mode...
                new ServerDefinition("/0/" + s.instanceId(), uri, s.shortServerId(), true, 0, "U", 0, 0, transportSecurity(s));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (serverInstance(s.shortServerId()).isEmpty()) {
                problems.add("/0/" + s.instanceId() + " (ssid " + s.shortServerId() + ") has no Server instance with Short Server ID "
                        + s.shortServerId());
                continue;
            }
            complete++;
        }
        if (complete == 0) {
            problems.add(0, "no complete server account (a Security instance with URI and Short Server ID and a Server instance with "
                    + "the same Short Server ID)");
            return Optional.of(String.join("; ", problems));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The Server instance with this Short Server ID. */
    Optional<InstanceContent> serverInstance(int shortServerId) {
        return instances(SERVER).values().stream()
                .filter(i -> longOf(i, 0, -1) == shortServerId).findFirst();
    }

    /** The management servers this state describes (complete accounts only), for registration. */
    List<ServerDefinition> servers() {
        List<ServerDefinition> servers = new ArrayList<>();
        for (SecurityInstance s : securityInstances()) {
            if (s.bootstrapServer() || s.uri().isBlank()) {
                continue;
            }
            Optional<InstanceContent> server = serverInstance(s.shortServerId());
            if (server.isEmpty()) {
                continue;
            }
            InstanceContent i = server.get();
            try {
                servers.add(new ServerDefinition("ssid" + s.shortServerId(), ServerDefinition.parseUri(s.uri(), "/0/" + s.instanceId() + "/0"),
                        s.shortServerId(), true, Math.max(0, longOf(i, 1, 0)), stringOf(i, 7, "U"), Math.max(0, longOf(i, 2, 0)),
                        Math.max(0, longOf(i, 3, 0)), transportSecurity(s)));
            } catch (IllegalArgumentException e) {
                // checked at Finish; a stored state from a later version may hold what this one cannot use
            }
        }
        return servers;
    }

    /** The DTLS credentials a provisioned Security instance carries (Transport spec: PSK, RPK or X.509, DER encoded). */
    private static TransportSecurity transportSecurity(SecurityInstance s) {
        if (s.uri().strip().toLowerCase(java.util.Locale.ROOT).startsWith("coap:")) {
            return TransportSecurity.NO_SEC; // plain CoAP: the credentials of the instance have no socket to serve
        }
        String where = "Security instance /0/" + s.instanceId() + " written by the bootstrap server";
        return switch (s.securityMode()) {
            case SecurityInstance.NO_SEC -> TransportSecurity.NO_SEC;
            case SecurityInstance.PSK -> TransportSecurity.provisionedPsk(
                    new String(s.identity(), java.nio.charset.StandardCharsets.UTF_8), s.secretKey(), where);
            case SecurityInstance.RPK, SecurityInstance.X509 -> TransportSecurity.provisionedCertificate(ProvisionedCertificates.of(s, where));
            default -> throw new IllegalArgumentException(where + ": security mode " + s.securityMode()
                    + " is not supported (0 PSK, 1 RPK, 2 X.509 and 3 NoSec are)");
        };
    }

    /** The Access Control instances (object 2) the bootstrap server wrote, for the endpoint's access checks. */
    List<io.lightgate.lwm2m.access.AclInstance> accessControlInstances() {
        List<io.lightgate.lwm2m.access.AclInstance> acls = new ArrayList<>();
        instances(2).forEach((id, i) -> {
            java.util.SortedMap<Integer, Integer> acl = new java.util.TreeMap<>();
            Resource r = i.resources().get(2);
            if (r != null && r.isMultiple()) {
                r.instances().forEach((ssid, rights) -> acl.put(ssid, (int) rights.asLong()));
            }
            try {
                acls.add(new io.lightgate.lwm2m.access.AclInstance(id, (int) longOf(i, 0, -1), (int) longOf(i, 1, -1), acl,
                        (int) longOf(i, 3, 65535)));
            } catch (IllegalArgumentException e) {
                // left out: what it was about stays refused to every server but its owner's default
                org.slf4j.LoggerFactory.getLogger(ClientState.class).warn(
                        "Access Control instance /2/{} written by the bootstrap server is ignored: {}", id, e.getMessage());
            }
        });
        return acls;
    }

    /** Server resource 16 (Bootstrap on Registration Failure) of that server; true when absent, as the spec defaults. */
    boolean bootstrapOnRegistrationFailure(int shortServerId) {
        return serverInstance(shortServerId).map(i -> {
            Resource r = i.resources().get(16);
            return r == null || r.isMultiple() || r.value().type() != ResourceType.BOOLEAN || r.value().asBoolean();
        }).orElse(true);
    }

    /** Server resource 17 (Communication Retry Count) of that server; 5 when absent, as the spec defaults. */
    /** The retry policy of that server: resources 17–20 of its Server instance (Core 6.2.1.1), else the gateway's. */
    RetryPolicy retryPolicy(int shortServerId) {
        return serverInstance(shortServerId).map(i -> {
            long count = longOf(i, 17, 5);
            long timer = longOf(i, 18, -1);
            if (timer <= 0) {
                return new RetryPolicy(count, null, null, 1);
            }
            long sequenceDelay = longOf(i, 19, 86400);
            return new RetryPolicy(count, Duration.ofSeconds(timer), Duration.ofSeconds(Math.max(0, sequenceDelay)), longOf(i, 20, 1));
        }).orElse(RetryPolicy.GATEWAY);
    }

    static long longOf(InstanceContent instance, int resourceId, long otherwise) {
        Resource r = instance.resources().get(resourceId);
        if (r == null || r.isMultiple()) {
            return otherwise;
        }
        try {
            return r.value().asLong();
        } catch (IllegalStateException e) {
            return otherwise;
        }
    }

    static String stringOf(InstanceContent instance, int resourceId, String otherwise) {
        Resource r = instance.resources().get(resourceId);
        return r == null || r.isMultiple() ? otherwise : r.value().asString();
    }

    private static void requireProvisioned(int objectId) {
        if (!OBJECTS.contains(objectId)) {
            throw new IllegalArgumentException("object " + objectId + " is not part of the provisioned state");
        }
    }

    private Map<Integer, SortedMap<Integer, InstanceContent>> mutableCopy() {
        Map<Integer, SortedMap<Integer, InstanceContent>> copy = new TreeMap<>();
        objects.forEach((id, instances) -> copy.put(id, new TreeMap<>(instances)));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientState other && objects.equals(other.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        // never the secret resources: only the shape
        StringBuilder sb = new StringBuilder();
        objects.forEach((id, instances) -> sb.append('/').append(id).append(instances.keySet()).append(' '));
        return sb.toString().strip();
    }
}
