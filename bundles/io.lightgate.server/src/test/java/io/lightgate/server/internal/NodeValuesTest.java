/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.Value;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.junit.Test;

public class NodeValuesTest {

    @Test
    public void parsesWhatUsersTypeIntoTheResourcesType() {
        assertEquals(Value.of(42L), NodeValues.parse(" 42 ", Type.INTEGER));
        assertEquals(Value.ofUnsigned(new java.math.BigInteger("18446744073709551615")), NodeValues.parse("18446744073709551615", Type.UNSIGNED_INTEGER));
        assertEquals(Value.of(21.5), NodeValues.parse("21.5", Type.FLOAT));
        assertEquals(Value.of(true), NodeValues.parse("on", Type.BOOLEAN));
        assertEquals(Value.of(false), NodeValues.parse("0", Type.BOOLEAN));
        assertEquals(Value.ofTime(Instant.ofEpochSecond(1_700_000_000L)), NodeValues.parse("1700000000", Type.TIME));
        assertEquals(Value.ofTime(Instant.ofEpochSecond(1_700_000_000L)), NodeValues.parse("2023-11-14T22:13:20Z", Type.TIME));
        assertArrayEquals(new byte[] { 1, (byte) 0xab }, NodeValues.parse("01AB", Type.OPAQUE).asOpaque());
        assertEquals(Value.of(new io.lightgate.api.ObjectLink(3, 0)), NodeValues.parse("3:0", Type.OBJLNK));
        assertEquals(Value.of(" spaced "), NodeValues.parse(" spaced ", Type.STRING));
    }

    @Test
    public void typedValuesBecomeWhatLeshanEncodes() {
        assertEquals(42L, NodeValues.toLeshan(Value.of(42L), Type.INTEGER));
        assertEquals(ULong.valueOf(new java.math.BigInteger("18446744073709551615")),
                NodeValues.toLeshan(Value.ofUnsigned(new java.math.BigInteger("18446744073709551615")), Type.UNSIGNED_INTEGER));
        assertEquals(21.5, NodeValues.toLeshan(Value.of(21.5), Type.FLOAT));
        assertEquals(true, NodeValues.toLeshan(Value.of(true), Type.BOOLEAN));
        assertEquals(new Date(1_700_000_000_000L), NodeValues.toLeshan(Value.ofTime(Instant.ofEpochSecond(1_700_000_000L)), Type.TIME));
        assertArrayEquals(new byte[] { 1, 2 }, (byte[]) NodeValues.toLeshan(Value.ofOpaque(new byte[] { 1, 2 }), Type.OPAQUE));
        assertEquals(new ObjectLink(3, 0), NodeValues.toLeshan(Value.of(new io.lightgate.api.ObjectLink(3, 0)), Type.OBJLNK));
        assertEquals("x", NodeValues.toLeshan(Value.of("x"), Type.STRING));
    }

    @Test
    public void aValueOfAnotherTypeThanTheResourcesIsRefused() {
        assertTrue(message(() -> NodeValues.toLeshan(Value.of(42L), Type.FLOAT)).contains("expected a number"));
        assertTrue(message(() -> NodeValues.toLeshan(Value.of("on"), Type.BOOLEAN)).contains("type STRING"));
    }

    @Test
    public void badTextIsRefusedWithTheExpectedForm() {
        assertTrue(message(() -> NodeValues.parse("bright", Type.INTEGER)).contains("integer"));
        assertTrue(message(() -> NodeValues.parse("-1", Type.UNSIGNED_INTEGER)).contains("negative"));
        assertTrue(message(() -> NodeValues.parse("NaN", Type.FLOAT)).contains("finite"));
        assertTrue(message(() -> NodeValues.parse("maybe", Type.BOOLEAN)).contains("true or false"));
        assertTrue(message(() -> NodeValues.parse("yesterday", Type.TIME)).contains("ISO-8601"));
        assertTrue(message(() -> NodeValues.parse("xyz", Type.OPAQUE)).contains("hex"));
        assertTrue(message(() -> NodeValues.parse("3", Type.OBJLNK)).contains("objectId:instanceId"));
    }

    private static String message(org.junit.function.ThrowingRunnable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    public void nodesBecomePlainJsonFriendlyValues() {
        LwM2mObjectInstance instance = new LwM2mObjectInstance(0,
                LwM2mSingleResource.newStringResource(0, "Acme"),
                LwM2mSingleResource.newDateResource(13, new Date(0)),
                LwM2mSingleResource.newBinaryResource(5, new byte[] { 1, 2 }),
                LwM2mSingleResource.newObjectLinkResource(7, new ObjectLink(3303, 1)),
                LwM2mMultipleResource.newIntegerResource(11, Map.of(0, 0L, 1, 5L)));
        @SuppressWarnings("unchecked")
        Map<Integer, Object> plain = (Map<Integer, Object>) NodeValues.toPlain(instance);
        assertEquals("Acme", plain.get(0));
        assertEquals("1970-01-01T00:00:00Z", plain.get(13));
        assertEquals("AQI=", plain.get(5));
        assertEquals("3303:1", plain.get(7));
        assertEquals(Map.of(0, 0L, 1, 5L), plain.get(11));
    }
}
