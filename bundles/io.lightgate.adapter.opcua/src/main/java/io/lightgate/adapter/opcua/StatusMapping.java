/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** OPC UA status codes as LwM2M (CoAP) response codes. */
final class StatusMapping {

    private StatusMapping() {
    }

    /** The symbolic name of a status code, e.g. Bad_OutOfRange. */
    static String name(StatusCode status) {
        return StatusCodes.lookup(status.value()).map(n -> n[0]).orElse(String.format("0x%08X", status.value()));
    }

    /** The LwM2M response a Bad status of a Read, Write or Call answers. */
    static ResponseCode code(StatusCode status) {
        long v = status.value() & 0xFFFF0000L;
        if (v == StatusCodes.Bad_NotWritable || v == StatusCodes.Bad_NotReadable || v == StatusCodes.Bad_NotExecutable
                || v == StatusCodes.Bad_WriteNotSupported || v == StatusCodes.Bad_NotSupported) {
            return ResponseCode.METHOD_NOT_ALLOWED;
        }
        if (v == StatusCodes.Bad_UserAccessDenied || v == StatusCodes.Bad_IdentityTokenRejected
                || v == StatusCodes.Bad_IdentityTokenInvalid || v == StatusCodes.Bad_SecurityChecksFailed) {
            return ResponseCode.UNAUTHORIZED;
        }
        if (v == StatusCodes.Bad_TypeMismatch || v == StatusCodes.Bad_OutOfRange || v == StatusCodes.Bad_InvalidArgument
                || v == StatusCodes.Bad_ArgumentsMissing || v == StatusCodes.Bad_TooManyArguments
                || v == StatusCodes.Bad_IndexRangeInvalid || v == StatusCodes.Bad_DataEncodingInvalid) {
            return ResponseCode.BAD_REQUEST;
        }
        if (v == StatusCodes.Bad_NodeIdUnknown || v == StatusCodes.Bad_NodeIdInvalid || v == StatusCodes.Bad_MethodInvalid
                || v == StatusCodes.Bad_AttributeIdInvalid) {
            return ResponseCode.NOT_FOUND;
        }
        if (v == StatusCodes.Bad_Timeout || v == StatusCodes.Bad_ConnectionClosed || v == StatusCodes.Bad_SessionClosed
                || v == StatusCodes.Bad_SessionIdInvalid || v == StatusCodes.Bad_ServerNotConnected
                || v == StatusCodes.Bad_NoCommunication || v == StatusCodes.Bad_CommunicationError
                || v == StatusCodes.Bad_WaitingForInitialData || v == StatusCodes.Bad_NotConnected
                || v == StatusCodes.Bad_ServerHalted || v == StatusCodes.Bad_TooManyOperations
                || v == StatusCodes.Bad_ResourceUnavailable || v == StatusCodes.Bad_Shutdown
                || v == StatusCodes.Bad_SessionNotActivated || v == StatusCodes.Bad_OutOfService
                || v == StatusCodes.Bad_DeviceFailure || v == StatusCodes.Bad_SensorFailure) {
            return ResponseCode.SERVICE_UNAVAILABLE;
        }
        return ResponseCode.INTERNAL_SERVER_ERROR;
    }

    /** The exception for a Bad status of an operation ({@code what}, e.g. "write of ns=2;s=X"). */
    static LwM2mException exception(StatusCode status, String what) {
        return new LwM2mException(code(status), "OPC UA " + what + " answered " + name(status));
    }

    /** Maps a failed OPC UA request (UaException inside, a timeout, a lost connection). */
    static LwM2mException failure(Throwable failure, String what) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof LwM2mException e) {
            return e;
        }
        if (t instanceof UaException ua) {
            return new LwM2mException(code(ua.getStatusCode()), "OPC UA " + what + " failed: " + name(ua.getStatusCode())
                    + (ua.getMessage() == null ? "" : " (" + ua.getMessage() + ")"), ua);
        }
        if (t instanceof TimeoutException) {
            return new LwM2mException(ResponseCode.SERVICE_UNAVAILABLE, "OPC UA " + what + " timed out", t);
        }
        return LwM2mException.internal("OPC UA " + what + " failed: " + t, t);
    }
}
