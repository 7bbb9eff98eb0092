/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.lwm2m.observe.AttributeStore;
import io.lightgate.lwm2m.observe.NotificationAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notification attributes of every endpoint, kept per server (short server id) and path, so
 * that one server's Write-Attributes never changes another server's notifications.
 */
final class ServerAttributes {

    /** The kind of entry a server's attributes are kept under in data/ (path -> {@code pmin=10&gt=5}; see ClientEndpoint). */
    static final String STORED = "attributes";

    private final Map<String, AttributeStore> byEndpoint = new ConcurrentHashMap<>();

    private AttributeStore store(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, e -> new AttributeStore());
    }

    /** Applies a Write-Attributes request (Core 6.3.4) after checking the path exists and fits the attributes. */
    void write(String endpoint, ServerDefinition server, EndpointTree tree, LwM2mPath path, List<String> queries) {
        NotificationAttributes.Change change = NotificationAttributes.parseQuery(queries);
        if (change.isEmpty()) {
            throw LwM2mException.badRequest("Write-Attributes without attributes");
        }
        EndpointTree.ObjectNode object = tree.objects().get(path.objectId());
        if (path.isRoot() || object == null) {
            throw LwM2mException.notFound(path + " does not exist");
        }
        if (path.depth() >= 2 && !object.instances().containsKey(path.instanceId())) {
            throw LwM2mException.notFound(path + " does not exist");
        }
        if (path.depth() >= 3 && !object.instances().get(path.instanceId()).contains(path.resourceId())) {
            throw LwM2mException.notFound(path + " is not implemented");
        }
        if (path.depth() >= 3) {
            ResourceModel rm = object.model().resource(path.resourceId())
                    .orElseThrow(() -> LwM2mException.notFound(path + " does not exist"));
            change.checkApplicable(path, rm.type(), rm.multiple());
        } else {
            change.checkApplicable(path, null, false);
        }
        store(endpoint).write(server.shortServerId(), path, change);
    }

    /** Puts back what a server attached at a path before a restart ({@code queries}: {@code pmin=10&gt=5}). */
    void restore(String endpoint, int shortServerId, LwM2mPath path, String queries) {
        store(endpoint).write(shortServerId, path, NotificationAttributes.parseQuery(List.of(queries.split("&"))));
    }

    /** What the server attached at exactly this path, as Discover shows it. */
    Map<String, String> attached(String endpoint, int shortServerId, LwM2mPath path) {
        return store(endpoint).attached(shortServerId, path).toLinkAttributes();
    }

    /** The attributes in force for an observation: inherited down the path, over the server's defaults. */
    NotificationAttributes effective(String endpoint, Registration server, LwM2mPath path) {
        long pmin = server.defaultPmin();
        long pmax = server.defaultPmax();
        NotificationAttributes defaults = NotificationAttributes.serverDefaults(pmin > 0 ? pmin : null, pmax > 0 ? pmax : null);
        return store(endpoint).effective(server.server().shortServerId(), path, defaults);
    }

    /** A path left the tree: what the server attached there (and below) goes with it. */
    void forgetPath(String endpoint, int shortServerId, LwM2mPath path) {
        AttributeStore s = byEndpoint.get(endpoint);
        if (s != null) {
            s.forgetPath(shortServerId, path);
        }
    }

    /** A server's registration ended: its attributes go (Core: they belong to the registration). */
    void forget(String endpoint, int shortServerId) {
        AttributeStore s = byEndpoint.get(endpoint);
        if (s != null) {
            s.forget(shortServerId);
        }
    }
}
