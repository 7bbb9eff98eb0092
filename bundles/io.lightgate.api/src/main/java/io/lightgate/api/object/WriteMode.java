/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

/** LwM2M Write semantics (Core 6.3.3). */
public enum WriteMode {
    /** Replace: the payload becomes the new content (CoAP PUT). */
    REPLACE,
    /** Partial update: only the given resources change (CoAP POST). */
    UPDATE
}
