/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import java.util.Objects;

/** Why an operation on the local server failed. The message says what to do about it. */
public class LocalServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a caller (e.g. the REST API) maps to its own status codes. */
    public enum Reason {
        /** No client with this endpoint name is registered. */
        UNKNOWN_ENDPOINT,
        /** The request itself is wrong: bad path, bad value, unknown resource. */
        BAD_REQUEST,
        /** The device answered with an LwM2M error code (see {@link #deviceCode()}). */
        DEVICE_ERROR,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The local server is not running. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String deviceCode;

    public LocalServerException(Reason reason, String message) {
        this(reason, null, message, null);
    }

    public LocalServerException(Reason reason, String deviceCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.deviceCode = deviceCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The device's LwM2M response code (e.g. {@code 4.04}) for DEVICE_ERROR, else null. */
    public String deviceCode() {
        return deviceCode;
    }
}
