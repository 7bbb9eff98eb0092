/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failure of an LwM2M operation, carrying the CoAP code the engine answers with. Objects
 * throw it (or complete their stages exceptionally with it); any other exception an object
 * throws is answered with 5.00.
 */
public class LwM2mException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ResponseCode code;

    public LwM2mException(ResponseCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public LwM2mException(ResponseCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ResponseCode code() { return code; }

    public static LwM2mException badRequest(String message) { return new LwM2mException(ResponseCode.BAD_REQUEST, message); }
    public static LwM2mException unauthorized(String message) { return new LwM2mException(ResponseCode.UNAUTHORIZED, message); }
    public static LwM2mException notFound(String message) { return new LwM2mException(ResponseCode.NOT_FOUND, message); }
    public static LwM2mException notAllowed(String message) { return new LwM2mException(ResponseCode.METHOD_NOT_ALLOWED, message); }
    public static LwM2mException notAcceptable(String message) { return new LwM2mException(ResponseCode.NOT_ACCEPTABLE, message); }
    public static LwM2mException unsupportedFormat(String message) { return new LwM2mException(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, message); }
    public static LwM2mException unavailable(String message) { return new LwM2mException(ResponseCode.SERVICE_UNAVAILABLE, message); }
    public static LwM2mException internal(String message, Throwable cause) { return new LwM2mException(ResponseCode.INTERNAL_SERVER_ERROR, message, cause); }

    /**
     * Unwraps CompletionException/ExecutionException and turns anything that is not an
     * LwM2mException into a 5.00 whose message names what failed.
     */
    public static LwM2mException from(Throwable failure, String what) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof LwM2mException e) {
            return e;
        }
        return internal(what + " failed: " + t, t);
    }

    @Override
    public String toString() {
        return code + " " + getMessage();
    }
}
