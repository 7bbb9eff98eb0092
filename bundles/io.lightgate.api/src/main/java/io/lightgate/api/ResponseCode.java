/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

/** The CoAP response codes an LwM2M operation can fail with. */
public enum ResponseCode {
    BAD_REQUEST(4, 0),
    UNAUTHORIZED(4, 1),
    NOT_FOUND(4, 4),
    METHOD_NOT_ALLOWED(4, 5),
    NOT_ACCEPTABLE(4, 6),
    REQUEST_ENTITY_TOO_LARGE(4, 13),
    UNSUPPORTED_CONTENT_FORMAT(4, 15),
    INTERNAL_SERVER_ERROR(5, 0),
    SERVICE_UNAVAILABLE(5, 3);

    private final int codeClass;
    private final int detail;

    ResponseCode(int codeClass, int detail) {
        this.codeClass = codeClass;
        this.detail = detail;
    }

    /** The CoAP class (4 or 5). */
    public int codeClass() { return codeClass; }

    /** The CoAP detail (e.g. 4 in 4.04). */
    public int detail() { return detail; }

    /** The dotted form, e.g. {@code 4.04}. */
    @Override
    public String toString() {
        return codeClass + "." + (detail < 10 ? "0" : "") + detail;
    }
}
