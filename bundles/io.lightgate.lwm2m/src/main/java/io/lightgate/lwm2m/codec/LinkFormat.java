/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.LwM2m.Version;
import org.eclipse.leshan.core.model.LwM2mCoreObjectVersionRegistry;

/**
 * The CoRE link-format (RFC 6690) payloads the engine sends: the object list of Register and
 * Update (LwM2M 1.1 Core 6.2.1) and the answer to Discover (Core 5.4.2). Strings are built here,
 * not with leshan's link classes, so their exact form is fixed: links are comma-separated without
 * spaces, ordered by path; {@code rt} and a {@code ct} list are quoted; numbers are not.
 */
public final class LinkFormat {

    /**
     * One object of a Register/Update payload.
     *
     * @param version the object version ("1.1"); {@code null}, empty or "1.0" for none: a
     *        {@code ver} attribute is written for any other value
     * @param instances the ids of the instances, may be empty
     */
    public record ObjectEntry(String version, SortedSet<Integer> instances) {

        public ObjectEntry {
            instances = Collections.unmodifiableSortedSet(new TreeSet<>(instances));
        }

        /** An entry from any collection of instance ids. */
        public static ObjectEntry of(String version, Collection<Integer> instances) {
            return new ObjectEntry(version, new TreeSet<>(instances));
        }
    }

    /** Security (0) and OSCORE (21) never appear in a Register payload (Core 6.2.1). */
    private static final Set<Integer> NOT_REGISTERED = Set.of(0, 21);

    /** The order notification attributes are written in; others follow alphabetically. */
    private static final List<String> ATTRIBUTE_ORDER = List.of("dim", "ver", "pmin", "pmax", "gt", "lt", "st",
            "epmin", "epmax", "edge", "con", "hqmax");

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern PTOKEN = Pattern.compile("[!#$%&'()*+\\-./0-9:<=>?@A-Za-z\\[\\]^_`{|}~]+");
    private static final LwM2mCoreObjectVersionRegistry CORE_VERSIONS = new LwM2mCoreObjectVersionRegistry();

    private LinkFormat() {
    }

    // ---------------------------------------------------------------------------- Register

    /**
     * The Register/Update payload with root path {@code /} and {@code ct} listing
     * {@link ContentCodec#SUPPORTED_FORMATS}, e.g.
     * {@code </>;rt="oma.lwm2m";ct="0 42 60 110 112 11542 11543",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>}.
     */
    public static String registration(Map<Integer, ObjectEntry> objects) {
        return registration("/", objects, ContentCodec.SUPPORTED_FORMATS);
    }

    /**
     * The Register/Update payload.
     * <ul>
     * <li>First the root link {@code </root>;rt="oma.lwm2m"} with {@code ct} when formats are given (one
     * format unquoted, several as a quoted space-separated list);</li>
     * <li>then, by object id, an object link {@code </o>} when the object has no instance or carries
     * {@code ver}, followed by a link {@code </o/i>} per instance;</li>
     * <li>objects 0 (Security) and 21 (OSCORE) are left out.</li>
     * </ul>
     *
     * @param rootPath the LwM2M root path, "/" or an alternate path such as "/lwm2m"
     * @param objects object id to entry
     * @param contentFormats the content formats to announce, empty for no {@code ct}
     * @throws IllegalArgumentException for a version that is not {@code major.minor}
     */
    public static String registration(String rootPath, Map<Integer, ObjectEntry> objects,
            Collection<Integer> contentFormats) {
        String root = normalizeRoot(rootPath);
        StringBuilder sb = new StringBuilder();
        sb.append('<').append(root.isEmpty() ? "/" : root).append(">;rt=\"oma.lwm2m\"");
        if (!contentFormats.isEmpty()) {
            List<String> codes = new ArrayList<>();
            contentFormats.forEach(c -> codes.add(Integer.toString(c)));
            sb.append(";ct=").append(codes.size() == 1 ? codes.get(0) : '"' + String.join(" ", codes) + '"');
        }
        new TreeMap<>(objects).forEach((objectId, entry) -> {
            if (NOT_REGISTERED.contains(objectId)) {
                return;
            }
            String ver = versionAttribute(entry.version());
            if (entry.instances().isEmpty() || ver != null) {
                sb.append(",<").append(root).append('/').append(objectId).append('>');
                if (ver != null) {
                    sb.append(";ver=").append(ver);
                }
            }
            for (int instanceId : entry.instances()) {
                sb.append(",<").append(root).append('/').append(objectId).append('/').append(instanceId).append('>');
            }
        });
        return sb.toString();
    }

    /**
     * Whether {@code objectVersion} is the version the LwM2M enabler version defines for a core
     * object (LwM2M 1.1: Device 1.1, Connectivity Monitoring 1.2, ...), in which case a 1.1 client
     * need not announce it: pass {@code null} as the entry's version then. Non-core objects and
     * enabler versions leshan does not know (1.2) answer whether the version is 1.0.
     */
    public static boolean isDefaultVersion(int objectId, String objectVersion, String lwm2mVersion) {
        String v = objectVersion == null || objectVersion.isBlank() ? "1.0" : objectVersion.strip();
        LwM2mVersion enabler = lwm2mVersion == null ? null : LwM2mVersion.get(lwm2mVersion);
        if (enabler != null && CORE_VERSIONS.getDefaultVersion(objectId, enabler) != null) {
            return CORE_VERSIONS.isDefaultVersion(new Version(v), objectId, enabler);
        }
        return "1.0".equals(v);
    }

    // ---------------------------------------------------------------------------- Discover

    /**
     * The answer to Discover with the default depth: on an object its link, its instances and
     * their resources; on an instance its link and its resources; on a resource its link and its
     * resource instances. See {@link #discover(LwM2mPath, String, Map, Map, Integer)}.
     */
    public static String discover(LwM2mPath target, String objectVersion,
            Map<Integer, ? extends Map<Integer, ? extends Collection<Integer>>> shape,
            Map<LwM2mPath, ? extends Map<String, String>> attributes) {
        return discover(target, objectVersion, shape, attributes, null);
    }

    /**
     * The answer to Discover on {@code target}, e.g. for {@code /3}:
     * {@code </3>;ver=1.2;pmin=10,</3/0>,</3/0/0>,</3/0/6>;dim=2,</3/0/7>;dim=2;gt=50}.
     * <ul>
     * <li>The object link carries {@code ver} when {@code objectVersion} is set and not 1.0.</li>
     * <li>A resource link carries {@code dim=N} when the shape knows its N instances.</li>
     * <li>Each link carries the attributes attached at its own path. When the target is a
     * resource, its link also carries the attributes it inherits from its object and instance
     * (the resource's own win), as Core 5.4.2's example shows; resource instances show their
     * own.</li>
     * <li>Attributes are written in the order dim, ver, pmin, pmax, gt, lt, st, epmin, epmax, then
     * any other by name; a value that is not a plain token is quoted; an empty or null value
     * writes the bare name.</li>
     * </ul>
     *
     * @param target an object, instance or resource path
     * @param objectVersion the object's version, {@code null} for none
     * @param shape instance id → resource id → resource instance ids; {@code null} resource
     *        instance ids for a single-instance resource (or a multi-instance one whose instances
     *        are unknown)
     * @param attributes the notification attributes attached at each path (for the server asking)
     * @param depth the LwM2M 1.2 {@code depth} parameter: how many levels below the target to list
     *        (0..3), {@code null} for the default (object 2, instance 1, resource 1)
     * @throws LwM2mException 4.04 when the target instance or resource is not in the shape
     * @throws IllegalArgumentException for the root or a resource-instance target
     */
    public static String discover(LwM2mPath target, String objectVersion,
            Map<Integer, ? extends Map<Integer, ? extends Collection<Integer>>> shape,
            Map<LwM2mPath, ? extends Map<String, String>> attributes, Integer depth) {
        Objects.requireNonNull(target, "target");
        if (target.isRoot() || target.isResourceInstance()) {
            throw new IllegalArgumentException("Discover targets an object, instance or resource, not " + target);
        }
        int levels = depth != null ? depth : target.isObject() ? 2 : 1;
        if (levels < 0 || levels > 3) {
            throw new IllegalArgumentException("depth " + depth + " is outside 0..3");
        }
        int deepest = Math.min(4, target.depth() + levels);
        Map<LwM2mPath, ? extends Map<String, String>> attrs = attributes == null ? Map.of() : attributes;
        int objectId = target.objectId();
        List<String> links = new ArrayList<>();

        if (target.isObject()) {
            Map<String, String> objectAttributes = new LinkedHashMap<>();
            String ver = versionAttribute(objectVersion);
            if (ver != null) {
                objectAttributes.put("ver", ver);
            }
            objectAttributes.putAll(attributesAt(attrs, target));
            links.add(link(target, objectAttributes));
        }
        SortedMap<Integer, Map<Integer, ? extends Collection<Integer>>> instances = new TreeMap<>();
        shape.forEach((k, v) -> instances.put(k, v == null ? Map.of() : v));
        if (!target.isObject() && !instances.containsKey(target.instanceId())) {
            throw LwM2mException.notFound("Object instance " + LwM2mPath.of(objectId, target.instanceId())
                    + " does not exist");
        }
        for (Map.Entry<Integer, Map<Integer, ? extends Collection<Integer>>> instance : instances.entrySet()) {
            LwM2mPath instancePath = LwM2mPath.of(objectId, instance.getKey());
            if (!target.isObject() && instance.getKey() != target.instanceId()) {
                continue;
            }
            if (target.isObject() && deepest < 2) {
                break;
            }
            if (target.depth() <= 2) {
                links.add(link(instancePath, attributesAt(attrs, instancePath)));
            }
            SortedMap<Integer, Collection<Integer>> resources = new TreeMap<>();
            instance.getValue().forEach((k, v) -> resources.put(k, v));
            if (target.isResource() && !resources.containsKey(target.resourceId())) {
                throw LwM2mException.notFound("Resource " + target + " does not exist");
            }
            for (Map.Entry<Integer, Collection<Integer>> resource : resources.entrySet()) {
                LwM2mPath resourcePath = LwM2mPath.of(objectId, instance.getKey(), resource.getKey());
                if (target.isResource() && resource.getKey() != target.resourceId()) {
                    continue;
                }
                if (deepest < 3) {
                    break;
                }
                Map<String, String> resourceAttributes = new LinkedHashMap<>();
                Collection<Integer> resourceInstances = resource.getValue();
                if (resourceInstances != null) {
                    resourceAttributes.put("dim", Integer.toString(resourceInstances.size()));
                }
                if (target.isResource()) {
                    resourceAttributes.putAll(attributesAt(attrs, LwM2mPath.of(objectId)));
                    resourceAttributes.putAll(attributesAt(attrs, instancePath));
                }
                resourceAttributes.putAll(attributesAt(attrs, resourcePath));
                links.add(link(resourcePath, resourceAttributes));
                if (deepest >= 4 && resourceInstances != null) {
                    for (int ri : new TreeSet<>(resourceInstances)) {
                        LwM2mPath riPath = LwM2mPath.of(objectId, instance.getKey(), resource.getKey(), ri);
                        links.add(link(riPath, attributesAt(attrs, riPath)));
                    }
                }
            }
        }
        return String.join(",", links);
    }

    // ---------------------------------------------------------------------------- internals

    private static Map<String, String> attributesAt(Map<LwM2mPath, ? extends Map<String, String>> attrs,
            LwM2mPath path) {
        Map<String, String> a = attrs.get(path);
        return a == null ? Map.of() : a;
    }

    /** {@code </path>} followed by the attributes in canonical order. */
    private static String link(LwM2mPath path, Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder().append('<').append(path).append('>');
        List<String> names = new ArrayList<>(attributes.keySet());
        names.sort((a, b) -> {
            int ia = ATTRIBUTE_ORDER.indexOf(a);
            int ib = ATTRIBUTE_ORDER.indexOf(b);
            if (ia >= 0 || ib >= 0) {
                return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
            }
            return a.compareTo(b);
        });
        for (String name : names) {
            String value = attributes.get(name);
            sb.append(';').append(name);
            if (value != null && !value.isEmpty()) {
                sb.append('=').append(PTOKEN.matcher(value).matches() ? value : quote(value));
            }
        }
        return sb.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The {@code ver} value to write, or {@code null} when none is due. */
    private static String versionAttribute(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String v = version.strip();
        if (!VERSION.matcher(v).matches()) {
            throw new IllegalArgumentException("object version '" + version + "' is not major.minor");
        }
        return v.equals("1.0") ? null : v;
    }

    private static String normalizeRoot(String rootPath) {
        String r = rootPath == null ? "" : rootPath.strip();
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (!r.isEmpty() && !r.startsWith("/")) {
            r = "/" + r;
        }
        return r;
    }
}
