/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class LwM2mExceptionTest {

    @Test
    public void fromReturnsLwM2mExceptionAsIs() {
        LwM2mException e = LwM2mException.notFound("gone");
        assertSame(e, LwM2mException.from(e, "read /3/0/1"));
    }

    @Test
    public void fromUnwrapsCompletionException() {
        LwM2mException e = LwM2mException.notAllowed("no");
        LwM2mException x = LwM2mException.from(new CompletionException(e), "write");
        assertSame(e, x);
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, x.code());
    }

    @Test
    public void fromUnwrapsNestedWrappers() {
        LwM2mException e = LwM2mException.unavailable("slow");
        assertSame(e, LwM2mException.from(new ExecutionException(new CompletionException(e)), "read"));
    }

    @Test
    public void fromUnwrapsWhatAJoinThrows() throws Exception {
        LwM2mException e = LwM2mException.badRequest("bad");
        CompletableFuture<Object> f = CompletableFuture.failedFuture(e);
        CompletableFuture<Object> chained = f.thenApply(x -> x);
        try {
            chained.join();
            throw new AssertionError("join should have failed");
        } catch (CompletionException ce) {
            assertSame(e, LwM2mException.from(ce, "read"));
        }
        try {
            chained.get(1, TimeUnit.SECONDS);
            throw new AssertionError("get should have failed");
        } catch (ExecutionException ee) {
            assertSame(e, LwM2mException.from(ee, "read"));
        }
    }

    @Test
    public void fromTurnsOtherFailuresIntoInternalServerError() {
        IOException io = new IOException("meter unplugged");
        LwM2mException x = LwM2mException.from(new CompletionException(io), "read /3303/0/5700");
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, x.code());
        assertSame(io, x.getCause());
        assertTrue(x.getMessage(), x.getMessage().startsWith("read /3303/0/5700 failed"));
        assertTrue(x.getMessage(), x.getMessage().contains("meter unplugged"));
    }

    @Test
    public void fromKeepsAWrapperWithoutCause() {
        CompletionException bare = new CompletionException("no cause", null);
        LwM2mException x = LwM2mException.from(bare, "execute");
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, x.code());
        assertSame(bare, x.getCause());
    }

    @Test
    public void factoriesCarryTheirCode() {
        assertEquals(ResponseCode.BAD_REQUEST, LwM2mException.badRequest("m").code());
        assertEquals(ResponseCode.UNAUTHORIZED, LwM2mException.unauthorized("m").code());
        assertEquals(ResponseCode.NOT_FOUND, LwM2mException.notFound("m").code());
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, LwM2mException.notAllowed("m").code());
        assertEquals(ResponseCode.NOT_ACCEPTABLE, LwM2mException.notAcceptable("m").code());
        assertEquals(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, LwM2mException.unsupportedFormat("m").code());
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, LwM2mException.unavailable("m").code());
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, LwM2mException.internal("m", null).code());
        assertEquals("4.04 gone", LwM2mException.notFound("gone").toString());
    }

    @Test
    public void responseCodesPrintDotted() {
        assertEquals("4.00", ResponseCode.BAD_REQUEST.toString());
        assertEquals("4.05", ResponseCode.METHOD_NOT_ALLOWED.toString());
        assertEquals("4.13", ResponseCode.REQUEST_ENTITY_TOO_LARGE.toString());
        assertEquals("5.03", ResponseCode.SERVICE_UNAVAILABLE.toString());
    }
}
