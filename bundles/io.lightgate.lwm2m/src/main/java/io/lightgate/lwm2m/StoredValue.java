/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a notification that could not reach its server, as kept on disk until it is
 * forwarded: when it was taken, the resource (or resource instance) path, the value.
 */
record StoredValue(Instant time, LwM2mPath path, Value value) {

    StoredValue {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(value, "value");
        if (path.depth() < 3) {
            throw new IllegalArgumentException("a stored value is a resource or resource instance, not " + path);
        }
    }

    /** The values of a notification's content (shaped as a Read answers the path) taken at {@code time}. */
    static List<StoredValue> of(LwM2mPath path, Object content, Instant time) {
        List<StoredValue> values = new ArrayList<>();
        flatten(path, content, time, values);
        return values;
    }

    private static void flatten(LwM2mPath path, Object content, Instant time, List<StoredValue> into) {
        if (content instanceof Map<?, ?> composite) { // Observe-Composite: content per path
            composite.forEach((p, c) -> flatten((LwM2mPath) p, c, time, into));
        } else if (content instanceof List<?> instances) {
            for (Object i : instances) {
                flatten(LwM2mPath.of(path.objectId(), ((InstanceContent) i).id()), i, time, into);
            }
        } else if (content instanceof InstanceContent instance) {
            LwM2mPath at = LwM2mPath.of(path.objectId(), instance.id());
            instance.resources().values().forEach(r -> flatten(LwM2mPath.of(at.objectId(), at.instanceId(), r.id()), r, time, into));
        } else if (content instanceof Resource r) {
            LwM2mPath at = path.depth() >= 3 ? LwM2mPath.of(path.objectId(), path.instanceId(), path.resourceId()) : path;
            if (!r.isMultiple()) {
                into.add(new StoredValue(time, at, r.value()));
            } else if (path.depth() == 4) {
                Value v = r.instances().get(path.resourceInstanceId());
                if (v != null) {
                    into.add(new StoredValue(time, path, v));
                }
            } else {
                r.instances().forEach((id, v) -> into.add(new StoredValue(time, LwM2mPath.of(at.objectId(), at.instanceId(), at.resourceId(), id), v)));
            }
        }
    }

    /** The content {@link io.lightgate.lwm2m.codec.ContentCodec} encodes for this value's path. */
    Resource content() {
        return path.depth() == 3 ? Resource.of(path.resourceId(), value)
                : Resource.ofInstances(path.resourceId(), value.type(), Map.of(path.resourceInstanceId(), value));
    }

    /** One line: epoch milliseconds, path, type, then the value's plain-text form (which may hold any character). */
    String encode() {
        return time.toEpochMilli() + " " + path + " " + value.type().name() + " " + value.toText();
    }

    /** @throws IllegalArgumentException naming what does not parse */
    static StoredValue decode(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("a stored value needs time, path, type and value: '" + line + "'");
        }
        try {
            return new StoredValue(Instant.ofEpochMilli(Long.parseLong(parts[0])), LwM2mPath.parse(parts[1]),
                    Value.parse(ResourceType.valueOf(parts[2]), parts[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored value '" + line + "' does not parse: " + e.getMessage(), e);
        }
    }
}
