/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.Test;

public class ValueConverterTest {

    private static final Scaling PLAIN = Scaling.NONE;
    private static final Scaling KELVIN = Scaling.linear(1, -273.15);

    @Test
    public void opcUaToLwM2m() {
        assertEquals(Value.of(21.5), ValueConverter.toLwM2m(21.5, ResourceType.FLOAT, PLAIN));
        assertEquals(Value.of(21.5f * 1.0), ValueConverter.toLwM2m(21.5f, ResourceType.FLOAT, PLAIN));
        assertEquals(26.85, ValueConverter.toLwM2m(300.0, ResourceType.FLOAT, KELVIN).asDouble(), 1e-9);
        assertEquals(Value.of(42L), ValueConverter.toLwM2m(UInteger.valueOf(42), ResourceType.INTEGER, PLAIN));
        assertEquals(Value.ofUnsigned(new BigInteger("18446744073709551615")),
                ValueConverter.toLwM2m(ULong.MAX, ResourceType.UNSIGNED_INTEGER, PLAIN));
        assertEquals(Value.of(true), ValueConverter.toLwM2m(true, ResourceType.BOOLEAN, PLAIN));
        assertEquals(Value.of(1L), ValueConverter.toLwM2m(true, ResourceType.INTEGER, PLAIN));
        assertEquals(Value.of(false), ValueConverter.toLwM2m(UShort.valueOf(0), ResourceType.BOOLEAN, PLAIN));
        assertEquals(Value.of("12"), ValueConverter.toLwM2m(12, ResourceType.STRING, PLAIN));
        assertEquals(Value.of(12.5), ValueConverter.toLwM2m("12.5", ResourceType.FLOAT, PLAIN));
        assertEquals(Value.of("Running"), ValueConverter.toLwM2m(LocalizedText.english("Running"), ResourceType.STRING, PLAIN));
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(Value.ofTime(t), ValueConverter.toLwM2m(new DateTime(t), ResourceType.TIME, PLAIN));
        assertEquals(Value.ofOpaque(new byte[] { 1, 2 }), ValueConverter.toLwM2m(ByteString.of(new byte[] { 1, 2 }), ResourceType.OPAQUE, PLAIN));
    }

    @Test
    public void lwM2mToOpcUa() {
        assertEquals(1500.0, ValueConverter.toOpcUa(Value.of(1500.0), OpcUaDataType.Double, PLAIN).value());
        assertEquals(300.0, (Double) ValueConverter.toOpcUa(Value.of(26.85), OpcUaDataType.Double, KELVIN).value(), 1e-9);
        assertEquals(UInteger.valueOf(7), ValueConverter.toOpcUa(Value.of(7L), OpcUaDataType.UInt32, PLAIN).value());
        assertEquals((short) -3, ValueConverter.toOpcUa(Value.of(-3.0), OpcUaDataType.Int16, PLAIN).value());
        assertEquals(1.5f, ValueConverter.toOpcUa(Value.of(1.5), OpcUaDataType.Float, PLAIN).value());
        assertEquals(false, ValueConverter.toOpcUa(Value.of(false), OpcUaDataType.Boolean, PLAIN).value());
        assertEquals(true, ValueConverter.toOpcUa(Value.of("1"), OpcUaDataType.Boolean, PLAIN).value());
        assertEquals("on", ValueConverter.toOpcUa(Value.of("on"), OpcUaDataType.String, PLAIN).value());
        assertEquals(42, ValueConverter.toOpcUa(Value.of("42"), OpcUaDataType.Int32, PLAIN).value());
    }

    @Test
    public void valuesOutsideTheNodesRangeAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.toOpcUa(Value.of(-1L), OpcUaDataType.UInt32, PLAIN)).getMessage().contains("range"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.toOpcUa(Value.of(70000L), OpcUaDataType.Int16, PLAIN)).getMessage().contains("range"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.toOpcUa(Value.of("fast"), OpcUaDataType.Double, PLAIN)).getMessage().contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.toLwM2m(-5L, ResourceType.UNSIGNED_INTEGER, PLAIN));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.toLwM2m(null, ResourceType.FLOAT, PLAIN));
    }
}
