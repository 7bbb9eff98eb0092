/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import io.lightgate.lwm2m.access.AccessControl;
import io.lightgate.lwm2m.access.AclInstance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Access Control object (2) of one endpoint, a view of its {@link AccessControl}: Object ID,
 * Object Instance ID, ACL (per short server id) and Access Control Owner. Who may write an instance
 * (its owner) is checked before a request gets here; Create and Delete of instances are the client's
 * and the bootstrap server's.
 */
final class AccessControlObject implements LwM2mObject {

    private static final Set<Integer> RESOURCES = Set.of(0, 1, 2, 3);

    private final AccessControl accessControl;
    private volatile ObjectListener listener;

    AccessControlObject(AccessControl accessControl) {
        this.accessControl = accessControl;
        accessControl.addListener(() -> {
            ObjectListener l = listener;
            if (l != null) {
                l.instancesChanged();
            }
        });
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        SortedSet<Integer> ids = new TreeSet<>();
        accessControl.instances().forEach(a -> ids.add(a.id()));
        return ids;
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        return accessControl.byId(instanceId).isPresent() ? RESOURCES : Set.of();
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        AclInstance a = accessControl.byId(instanceId).orElse(null);
        if (a == null) {
            return LwM2mObject.failed(LwM2mException.notFound("Access Control instance " + instanceId + " does not exist"));
        }
        return CompletableFuture.completedFuture(switch (resourceId) {
            case 0 -> Resource.of(0, Value.of(a.objectId()));
            case 1 -> Resource.of(1, Value.of(a.instanceId()));
            case 2 -> {
                Map<Integer, Value> values = new TreeMap<>();
                a.acl().forEach((ssid, rights) -> values.put(ssid, Value.of(rights)));
                yield Resource.ofInstances(2, ResourceType.INTEGER, values);
            }
            case 3 -> Resource.of(3, Value.of(a.owner()));
            default -> throw LwM2mException.notFound("Access Control has no resource " + resourceId);
        });
    }

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        AclInstance a = accessControl.byId(instanceId).orElse(null);
        if (a == null) {
            return LwM2mObject.failed(LwM2mException.notFound("Access Control instance " + instanceId + " does not exist"));
        }
        try {
            AclInstance changed = a;
            for (Resource r : resources) {
                changed = switch (r.id()) {
                    case 2 -> changed.withAcl(acl(changed, r, mode));
                    case 3 -> changed.withOwner((int) r.value().asLong());
                    default -> throw LwM2mException.notAllowed("resource " + r.id() + " of an Access Control instance is read-only");
                };
            }
            if (mode == WriteMode.REPLACE && resources.stream().noneMatch(r -> r.id() == 2)) {
                changed = changed.withAcl(Map.of()); // a replace without the optional ACL removes it
            }
            accessControl.put(changed);
        } catch (IllegalArgumentException e) {
            return LwM2mObject.failed(LwM2mException.badRequest(e.getMessage()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private static Map<Integer, Integer> acl(AclInstance current, Resource r, WriteMode mode) {
        Map<Integer, Integer> acl = mode == WriteMode.UPDATE ? new TreeMap<>(current.acl()) : new TreeMap<>();
        if (r.isMultiple()) {
            r.instances().forEach((ssid, v) -> acl.put(ssid, (int) v.asLong()));
        } else {
            throw new IllegalArgumentException("the ACL (2/x/2) is a multiple resource: write its instances, keyed by short server id");
        }
        return acl;
    }

    @Override
    public void setListener(ObjectListener listener) {
        this.listener = listener;
    }
}
