/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.util.concurrent.CompletionException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.Test;

public class StatusMappingTest {

    private static ResponseCode code(long status) {
        return StatusMapping.code(new StatusCode(status));
    }

    @Test
    public void rejectedWritesAndCallsAreClientErrors() {
        assertEquals(ResponseCode.BAD_REQUEST, code(StatusCodes.Bad_OutOfRange));
        assertEquals(ResponseCode.BAD_REQUEST, code(StatusCodes.Bad_TypeMismatch));
        assertEquals(ResponseCode.BAD_REQUEST, code(StatusCodes.Bad_ArgumentsMissing));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, code(StatusCodes.Bad_NotWritable));
        assertEquals(ResponseCode.UNAUTHORIZED, code(StatusCodes.Bad_UserAccessDenied));
        assertEquals(ResponseCode.NOT_FOUND, code(StatusCodes.Bad_NodeIdUnknown));
        assertEquals(ResponseCode.NOT_FOUND, code(StatusCodes.Bad_MethodInvalid));
    }

    @Test
    public void communicationProblemsAreUnavailable() {
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, code(StatusCodes.Bad_Timeout));
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, code(StatusCodes.Bad_SessionClosed));
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, code(StatusCodes.Bad_WaitingForInitialData));
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, code(StatusCodes.Bad_InternalError));
    }

    @Test
    public void messagesNameTheStatus() {
        LwM2mException e = StatusMapping.exception(new StatusCode(StatusCodes.Bad_OutOfRange), "write of ns=2;s=X");
        assertEquals("OPC UA write of ns=2;s=X answered Bad_OutOfRange", e.getMessage());
        LwM2mException f = StatusMapping.failure(new CompletionException(new UaException(StatusCodes.Bad_Timeout, "slow")), "call of M");
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, f.code());
        assertTrue(f.getMessage(), f.getMessage().contains("Bad_Timeout"));
    }
}
