/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The &lt;NOTIFICATION&gt; attributes written by Write-Attributes, kept per LwM2M server (short server id)
 * and per path, so that two servers never see each other's attributes ("The value of an Attribute is
 * LwM2M Server specific", Core 1.1 §5.1.1). One store serves one LwM2M endpoint. Thread-safe.
 *
 * <p>Attributes may be attached at object, object-instance, resource and resource-instance level;
 * {@link #effective} merges them with the spec's precedence rules (the lower level wins) over the
 * server's defaults.
 */
public final class AttributeStore {

    private final ConcurrentMap<Integer, NavigableMap<LwM2mPath, NotificationAttributes>> byServer = new ConcurrentHashMap<>();

    /**
     * Applies a Write-Attributes change at {@code path} for server {@code ssid}, atomically: the change is
     * applied to what is attached at that path and the result is validated
     * ({@link NotificationAttributes#apply}); on failure nothing is stored. Call
     * {@link NotificationAttributes.Change#checkApplicable} first, where the resource model is known.
     *
     * @return the attributes now attached at {@code path}
     * @throws LwM2mException BAD_REQUEST when the result is inconsistent or {@code path} is the root
     */
    public NotificationAttributes write(int ssid, LwM2mPath path, NotificationAttributes.Change change) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
        if (path.isRoot()) {
            throw LwM2mException.badRequest("Write-Attributes: attributes cannot be attached to /");
        }
        NavigableMap<LwM2mPath, NotificationAttributes> tree = byServer.computeIfAbsent(ssid, k -> new TreeMap<>());
        synchronized (tree) {
            NotificationAttributes current = tree.getOrDefault(path, NotificationAttributes.EMPTY);
            NotificationAttributes next = current.apply(change);
            if (next.isEmpty()) {
                tree.remove(path);
            } else {
                tree.put(path, next);
            }
            return next;
        }
    }

    /**
     * What Write-Attributes attached at exactly {@code path} for server {@code ssid}, without inheritance
     * or defaults: what Discover shows for that link. {@link NotificationAttributes#EMPTY} when nothing.
     */
    public NotificationAttributes attached(int ssid, LwM2mPath path) {
        NavigableMap<LwM2mPath, NotificationAttributes> tree = byServer.get(ssid);
        if (tree == null) {
            return NotificationAttributes.EMPTY;
        }
        synchronized (tree) {
            return tree.getOrDefault(path, NotificationAttributes.EMPTY);
        }
    }

    /**
     * Everything attached for server {@code ssid} at {@code path} or below, ordered by path (for a Discover
     * on an object or instance that lists resources carrying attributes).
     */
    public Map<LwM2mPath, NotificationAttributes> attachedUnder(int ssid, LwM2mPath path) {
        NavigableMap<LwM2mPath, NotificationAttributes> tree = byServer.get(ssid);
        if (tree == null) {
            return Collections.emptyMap();
        }
        Map<LwM2mPath, NotificationAttributes> out = new LinkedHashMap<>();
        synchronized (tree) {
            for (Map.Entry<LwM2mPath, NotificationAttributes> e : tree.tailMap(path, true).entrySet()) {
                if (!e.getKey().startsWith(path)) {
                    break; // descendants sort right after their ancestor
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The attributes an observation of {@code path} by server {@code ssid} runs with: {@code defaults}
     * (the server's Default Minimum/Maximum Period, see {@link NotificationAttributes#serverDefaults}),
     * overridden by what is attached at the object, then the instance, the resource and the resource
     * instance, as far as {@code path} reaches (Core 1.1 §5.1.1 rules 1-5: the lower level prevails).
     * Attributes attached below {@code path} do not apply to it.
     */
    public NotificationAttributes effective(int ssid, LwM2mPath path, NotificationAttributes defaults) {
        Objects.requireNonNull(defaults, "defaults");
        NavigableMap<LwM2mPath, NotificationAttributes> tree = byServer.get(ssid);
        if (tree == null || path.isRoot()) {
            return defaults;
        }
        List<LwM2mPath> chain = new ArrayList<>(4);
        for (LwM2mPath p = path; !p.isRoot(); p = p.parent()) {
            chain.add(0, p);
        }
        NotificationAttributes result = defaults;
        synchronized (tree) {
            for (LwM2mPath p : chain) {
                NotificationAttributes level = tree.get(p);
                if (level != null) {
                    result = result.overriddenBy(level);
                }
            }
        }
        return result;
    }

    /** {@link #effective(int, LwM2mPath, NotificationAttributes)} without server defaults. */
    public NotificationAttributes effective(int ssid, LwM2mPath path) {
        return effective(ssid, path, NotificationAttributes.EMPTY);
    }

    /** Drops every attribute of server {@code ssid}, e.g. when its registration ends. */
    public void forget(int ssid) {
        byServer.remove(ssid);
    }

    /**
     * Drops, for every server, the attributes attached at {@code path} and below, e.g. when an object or
     * object instance disappears.
     */
    public void forgetPath(LwM2mPath path) {
        for (Integer ssid : byServer.keySet()) {
            forgetPath(ssid, path);
        }
    }

    /** Drops the attributes of server {@code ssid} attached at {@code path} and below. */
    public void forgetPath(int ssid, LwM2mPath path) {
        NavigableMap<LwM2mPath, NotificationAttributes> tree = byServer.get(ssid);
        if (tree == null) {
            return;
        }
        synchronized (tree) {
            Iterator<LwM2mPath> it = tree.tailMap(path, true).keySet().iterator();
            while (it.hasNext()) {
                if (!it.next().startsWith(path)) {
                    break;
                }
                it.remove();
            }
        }
    }
}
