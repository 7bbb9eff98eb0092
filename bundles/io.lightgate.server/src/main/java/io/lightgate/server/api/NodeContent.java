/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import io.lightgate.api.LwM2mPath;
import java.util.Objects;

/**
 * What a device answered for a path, as plain Java values ready for JSON: a single resource is
 * its value (Long, Double, Boolean, String, an ISO-8601 time string, {@code "oid:iid"} for an
 * object link, base64 for opaque); a multi-instance resource, an instance or an object is a
 * {@code Map<Integer, ?>} keyed by resource instance, resource or instance id.
 *
 * @param path the LwM2M path (e.g. {@code /3/0/0})
 * @param value the value, see above
 */
public record NodeContent(LwM2mPath path, Object value) {

    public NodeContent {
        Objects.requireNonNull(path, "path");
    }
}
