/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mPath;
import io.lightgate.lwm2m.observe.ObserveSequence;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * One LwM2M path (/, /o, /o/i, /o/i/r, /o/i/r/ri) in an endpoint's CoAP resource tree.
 * Children are created on demand for any numeric segment, so the tree never has to mirror
 * the registry: whether the path exists is the registry's answer. Each path resource is
 * observable; Californium keeps the observe relations on it, the engine decides when they fire.
 */
final class PathResource extends CoapResource {

    /** What the endpoint does with a request on a path. */
    interface Handler {
        void handle(PathResource resource, CoapExchange exchange);
    }

    private final LwM2mPath path;
    private final Handler handler;
    private final Observations observations;
    private final ObserveSequence sequence; // the endpoint's, shared by its paths
    private volatile long lastUsedMillis = System.currentTimeMillis(); // found for a request (see forgetIdle)

    PathResource(String name, LwM2mPath path, Handler handler, Observations observations, ObserveSequence sequence) {
        super(name, false);
        this.path = path;
        this.handler = handler;
        this.observations = observations;
        this.sequence = sequence;
        setObservable(true);
        setObserveType(observations.notificationType());
        setVisible(false); // no /.well-known/core listing of the dynamic tree
    }

    LwM2mPath path() {
        return path;
    }

    /** The resource of {@code target}, a path below this root, created as a request for it creates it; null when out of range. */
    PathResource resolve(LwM2mPath target) {
        PathResource current = this;
        int[] ids = { target.objectId(), target.instanceId(), target.resourceId(), target.resourceInstanceId() };
        for (int level = 0; level < target.depth() && current != null; level++) {
            current = (PathResource) current.getChild(Integer.toString(ids[level]));
        }
        return current;
    }

    @Override
    public synchronized Resource getChild(String name) {
        Resource existing = super.getChild(name);
        if (existing instanceof PathResource p) {
            p.lastUsedMillis = System.currentTimeMillis(); // Californium finds a request's resource through here
        }
        if (existing != null || path.depth() >= 4) {
            return existing;
        }
        int id;
        try {
            id = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return null; // 4.04
        }
        if (id < 0 || id > 65535) {
            return null;
        }
        LwM2mPath childPath = switch (path.depth()) {
            case 0 -> LwM2mPath.of(id);
            case 1 -> LwM2mPath.of(path.objectId(), id);
            case 2 -> LwM2mPath.of(path.objectId(), path.instanceId(), id);
            default -> LwM2mPath.of(path.objectId(), path.instanceId(), path.resourceId(), id);
        };
        PathResource child = new PathResource(name, childPath, handler, observations, sequence);
        add(child);
        return child;
    }

    /**
     * Forgets the paths below this one that no request found since {@code idleBefore} (epoch ms) and
     * that no observe relation and no child keeps: every path a server ever asked for would otherwise
     * stay in the tree for good (a few hundred bytes each, per endpoint; any numeric path can be
     * asked for). A request that found a path just before it goes finishes on it, an observe relation
     * made on it included (its notifications go through the relation's resource, not the tree); the
     * next request makes the path again. Roots of devices behind the gateway are left to their own
     * endpoint. Returns how many paths were forgotten.
     */
    synchronized int forgetIdle(long idleBefore) {
        int forgotten = 0;
        for (Resource child : List.copyOf(getChildren())) {
            if (child instanceof PathResource p && p.path.depth() > path.depth()) {
                forgotten += p.forgetIdle(idleBefore);
                if (p.lastUsedMillis < idleBefore && p.getObserverCount() == 0 && p.getChildren().isEmpty() && delete(p)) {
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    /** The Observe option of a first response or notification: from the wall clock, so it keeps increasing across restarts. */
    @Override
    public int getNotificationSequenceNumber() {
        return sequence.next();
    }

    @Override
    public void addObserveRelation(org.eclipse.californium.core.observe.ObserveRelation relation) {
        super.addObserveRelation(relation);
        observations.relationAdded(this, relation);
    }

    @Override
    public void removeObserveRelation(org.eclipse.californium.core.observe.ObserveRelation relation) {
        super.removeObserveRelation(relation);
        observations.relationRemoved(relation);
    }

    @Override
    public void handleRequest(org.eclipse.californium.core.network.Exchange exchange) {
        handler.handle(this, new CoapExchange(exchange, this));
    }
}
