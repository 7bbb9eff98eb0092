/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.lwm2m.access.Operation;
import io.lightgate.lwm2m.codec.CompositeSplitter;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.codec.PrefixRenamer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Read-, Observe- and Write-Composite on an endpoint's root (FETCH / iPATCH on /), routed by LwM2M
 * Gateway prefix: paths of the gateway's own objects go to its tree, {@code /<prefix>/...} paths to
 * the tree of the device behind it (object 25), each checked against that device's access control.
 * The answers are merged into one SenML pack whose names carry the prefixes. A prefix no device
 * has fails the whole request with 4.04 before anything is read or written; within a known tree an
 * absent or unreadable path is left out of a Read-Composite, which answers the others (Core 1.1
 * partial presence, OMA ETS int-236 / int-281). Write-Composite decodes and checks every part
 * before it writes any.
 */
final class CompositeRouting {

    /** The paths of one endpoint's tree a composite request names: the gateway's own ("" prefix) or a device's. */
    record Part(String prefix, ClientEndpoint endpoint, byte[] payload) {
    }

    private final ClientEndpoint gateway;
    private final ObjectRegistry registry;
    private final ContentCodec codec;

    CompositeRouting(ClientEndpoint gateway, ObjectRegistry registry, ContentCodec codec) {
        this.gateway = gateway;
        this.registry = registry;
        this.codec = codec;
    }

    /**
     * The request's payload split by prefix, each part with the endpoint it addresses.
     *
     * @throws LwM2mException 4.04 naming a prefix no device behind this endpoint has; 4.00 / 4.15 for the payload
     */
    List<Part> parts(int contentFormat, byte[] payload) {
        List<Part> parts = new ArrayList<>();
        CompositeSplitter.split(contentFormat, payload).forEach((prefix, bytes) -> {
            ClientEndpoint target = prefix.isEmpty() ? gateway : gateway.deviceByPrefix(prefix)
                    .orElseThrow(() -> LwM2mException.notFound("no device behind the gateway has the prefix '" + prefix + "'"));
            parts.add(new Part(prefix, target, bytes));
        });
        return parts;
    }

    /**
     * Reads the paths of a Read- or Observe-Composite: per part (by prefix, in order) the content by path
     * (absent and unreadable paths left out). Access is checked for every path before any is read.
     */
    CompletableFuture<Map<String, Map<LwM2mPath, Object>>> read(List<Part> parts, int contentFormat, Registration from, Operation op) {
        Map<String, List<LwM2mPath>> paths = new LinkedHashMap<>();
        for (Part part : parts) {
            List<LwM2mPath> list = codec.decodePaths(contentFormat, part.payload());
            list.forEach(p -> check(part, from, op, p));
            paths.put(part.prefix(), list);
        }
        Map<String, List<CompletableFuture<Object>>> reads = new LinkedHashMap<>();
        for (Part part : parts) {
            List<CompletableFuture<Object>> partReads = new ArrayList<>();
            for (LwM2mPath p : paths.get(part.prefix())) {
                partReads.add(read(part.endpoint(), p, from).toCompletableFuture().exceptionally(e -> {
                    LwM2mException x = LwM2mException.from(e, "read " + p);
                    if (x.code() == ResponseCode.NOT_FOUND || x.code() == ResponseCode.METHOD_NOT_ALLOWED) {
                        // absent and unreadable paths (e.g. an executable resource) are left out of a composite
                        // answer, which succeeds with the others (ETS int-281: partially successful Read-Composite)
                        return null;
                    }
                    throw x;
                }));
            }
            reads.put(part.prefix(), partReads);
        }
        List<CompletableFuture<Object>> all = new ArrayList<>();
        reads.values().forEach(all::addAll);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Map<LwM2mPath, Object>> contents = new LinkedHashMap<>();
            reads.forEach((prefix, partReads) -> {
                Map<LwM2mPath, Object> partContents = new LinkedHashMap<>();
                List<LwM2mPath> partPaths = paths.get(prefix);
                for (int i = 0; i < partPaths.size(); i++) {
                    Object c = partReads.get(i).join();
                    if (c != null) {
                        partContents.put(partPaths.get(i), c);
                    }
                }
                contents.put(prefix, partContents);
            });
            return contents;
        });
    }

    /** One SenML pack of what {@link #read} returned, each device's names under its prefix. */
    Encoded encode(Map<String, Map<LwM2mPath, Object>> contents, Integer accept) {
        Map<String, byte[]> payloads = new LinkedHashMap<>();
        int format = -1;
        for (Map.Entry<String, Map<LwM2mPath, Object>> e : contents.entrySet()) {
            Encoded encoded = codec.encodeComposite(e.getValue(), accept);
            format = encoded.contentFormat();
            payloads.put(e.getKey(), encoded.payload());
        }
        if (format < 0) {
            return codec.encodeComposite(Map.of(), accept);
        }
        return new Encoded(format, PrefixRenamer.merge(format, payloads));
    }

    /**
     * A Write-Composite: every part decoded and checked first, then each instance written as one partial update.
     */
    CompletableFuture<Void> write(List<Part> parts, int contentFormat, Registration from) {
        Map<Part, Map<LwM2mPath, Resource>> values = new LinkedHashMap<>();
        for (Part part : parts) {
            Map<LwM2mPath, Resource> partValues = codec.decodeComposite(contentFormat, part.payload());
            partValues.keySet().forEach(p -> check(part, from, Operation.WRITE, p));
            values.put(part, partValues);
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        values.forEach((part, partValues) -> {
            Map<LwM2mPath, List<Resource>> byInstance = new LinkedHashMap<>();
            partValues.forEach((p, r) -> byInstance.computeIfAbsent(LwM2mPath.of(p.objectId(), p.instanceId()), k -> new ArrayList<>()).add(r));
            byInstance.forEach((instance, resources) -> writes.add(
                    registry.write(part.endpoint().name(), instance, resources, WriteMode.UPDATE).toCompletableFuture()));
        });
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private static void check(Part part, Registration from, Operation op, LwM2mPath path) {
        if (!path.isRoot() && path.objectId() == 0) {
            // as for a request on the path itself (RequestHandler): also through a prefix, where /<prefix>/0 is the gateway's
            throw LwM2mException.unauthorized("the Security object is not accessible to management servers: "
                    + (part.prefix().isEmpty() ? "" : "/" + part.prefix()) + path);
        }
        part.endpoint().access().check(from, op, path);
    }

    /** Reads a path of the endpoint's tree at its level; an object holds only the instances the server may read. */
    private CompletionStage<Object> read(ClientEndpoint target, LwM2mPath path, Registration from) {
        String ep = target.name();
        return switch (path.depth()) {
            case 1 -> registry.readObject(ep, path.objectId())
                    .thenApply(all -> all.stream().filter(i -> target.access().mayRead(from, path.objectId(), i.id())).toList());
            case 2 -> registry.readInstance(ep, path).thenApply(v -> v);
            default -> registry.readResource(ep, path).thenApply(v -> v);
        };
    }
}
