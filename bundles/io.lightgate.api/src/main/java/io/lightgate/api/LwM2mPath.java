/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Objects;

/**
 * A path into an LwM2M object tree: {@code /object[/instance[/resource[/resource-instance]]]}.
 * Immutable; absent levels are {@link #NONE}. The root path {@code /} has no object id.
 */
public final class LwM2mPath implements Comparable<LwM2mPath> {

    /** Marks a level that the path does not reach. */
    public static final int NONE = -1;

    /** The root path {@code /}. */
    public static final LwM2mPath ROOT = new LwM2mPath(NONE, NONE, NONE, NONE);

    private static final int MAX_ID = 65535;

    private final int objectId;
    private final int instanceId;
    private final int resourceId;
    private final int resourceInstanceId;

    private LwM2mPath(int objectId, int instanceId, int resourceId, int resourceInstanceId) {
        this.objectId = objectId;
        this.instanceId = instanceId;
        this.resourceId = resourceId;
        this.resourceInstanceId = resourceInstanceId;
    }

    /** The path of an object. */
    public static LwM2mPath of(int objectId) {
        return new LwM2mPath(check(objectId), NONE, NONE, NONE);
    }

    /** The path of an object instance. */
    public static LwM2mPath of(int objectId, int instanceId) {
        return new LwM2mPath(check(objectId), check(instanceId), NONE, NONE);
    }

    /** The path of a resource. */
    public static LwM2mPath of(int objectId, int instanceId, int resourceId) {
        return new LwM2mPath(check(objectId), check(instanceId), check(resourceId), NONE);
    }

    /** The path of a resource instance. */
    public static LwM2mPath of(int objectId, int instanceId, int resourceId, int resourceInstanceId) {
        return new LwM2mPath(check(objectId), check(instanceId), check(resourceId), check(resourceInstanceId));
    }

    /**
     * Parses {@code /3/0/1}, {@code 3/0/1} or {@code /}.
     *
     * @throws IllegalArgumentException naming the text when it is not a valid path
     */
    public static LwM2mPath parse(String text) {
        Objects.requireNonNull(text, "path");
        String trimmed = text.strip();
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return ROOT;
        }
        String[] parts = trimmed.split("/", -1);
        if (parts.length > 4) {
            throw new IllegalArgumentException("Invalid LwM2M path '" + text + "': more than 4 levels");
        }
        int[] ids = { NONE, NONE, NONE, NONE };
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid LwM2M path '" + text + "': '" + parts[i] + "' is not a number");
            }
            if (ids[i] < 0 || ids[i] > MAX_ID) {
                throw new IllegalArgumentException("Invalid LwM2M path '" + text + "': " + ids[i] + " is outside 0..65535");
            }
        }
        return new LwM2mPath(ids[0], ids[1], ids[2], ids[3]);
    }

    private static int check(int id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("LwM2M id " + id + " is outside 0..65535");
        }
        return id;
    }

    public int objectId() { return objectId; }
    public int instanceId() { return instanceId; }
    public int resourceId() { return resourceId; }
    public int resourceInstanceId() { return resourceInstanceId; }

    public boolean isRoot() { return objectId == NONE; }
    public boolean isObject() { return objectId != NONE && instanceId == NONE; }
    public boolean isInstance() { return instanceId != NONE && resourceId == NONE; }
    public boolean isResource() { return resourceId != NONE && resourceInstanceId == NONE; }
    public boolean isResourceInstance() { return resourceInstanceId != NONE; }

    /** Number of levels: 0 for the root, 4 for a resource instance. */
    public int depth() {
        return isRoot() ? 0 : instanceId == NONE ? 1 : resourceId == NONE ? 2 : resourceInstanceId == NONE ? 3 : 4;
    }

    /** The path one level up; the root's parent is the root. */
    public LwM2mPath parent() {
        switch (depth()) {
            case 4: return of(objectId, instanceId, resourceId);
            case 3: return of(objectId, instanceId);
            case 2: return of(objectId);
            default: return ROOT;
        }
    }

    /** True when {@code other} equals this path or lies below it. */
    public boolean startsWith(LwM2mPath prefix) {
        int d = prefix.depth();
        return d <= depth()
                && (d < 1 || prefix.objectId == objectId)
                && (d < 2 || prefix.instanceId == instanceId)
                && (d < 3 || prefix.resourceId == resourceId)
                && (d < 4 || prefix.resourceInstanceId == resourceInstanceId);
    }

    @Override
    public int compareTo(LwM2mPath o) {
        int c = Integer.compare(objectId, o.objectId);
        if (c == 0) c = Integer.compare(instanceId, o.instanceId);
        if (c == 0) c = Integer.compare(resourceId, o.resourceId);
        if (c == 0) c = Integer.compare(resourceInstanceId, o.resourceInstanceId);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LwM2mPath p && p.objectId == objectId && p.instanceId == instanceId
                && p.resourceId == resourceId && p.resourceInstanceId == resourceInstanceId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(objectId, instanceId, resourceId, resourceInstanceId);
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder().append('/').append(objectId);
        if (instanceId != NONE) sb.append('/').append(instanceId);
        if (resourceId != NONE) sb.append('/').append(resourceId);
        if (resourceInstanceId != NONE) sb.append('/').append(resourceInstanceId);
        return sb.toString();
    }
}
