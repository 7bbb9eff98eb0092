/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.jspecify.annotations.Nullable;

/**
 * Type coercion between OPC UA built-in types and LwM2M resource types, with a linear
 * conversion ({@link Scaling}) applied to numbers. Conversions that lose meaning (a string that is not a
 * number, a value outside the target's range) fail with IllegalArgumentException naming the value.
 */
public final class ValueConverter {

    private ValueConverter() {
    }

    /** An OPC UA value (a Variant's content) as an LwM2M value of {@code target}. */
    public static Value toLwM2m(@Nullable Object opc, ResourceType target, Scaling scaling) {
        if (opc == null) {
            throw new IllegalArgumentException("the OPC UA value is empty (null)");
        }
        if (opc instanceof LocalizedText text) {
            opc = text.text() == null ? "" : text.text();
        }
        if (opc instanceof Number || opc instanceof Boolean) {
            boolean isBoolean = opc instanceof Boolean;
            double raw = isBoolean ? ((Boolean) opc ? 1 : 0) : ((Number) opc).doubleValue();
            // integers keep their exact value when no conversion applies (UInt64 and Int64 beyond 2^53)
            boolean exactInteger = !isBoolean && scaling.isIdentity() && isInteger(opc);
            double v = isBoolean ? raw : scaling.toLwM2m(raw);
            switch (target) {
                case FLOAT: return Value.of(v);
                case INTEGER:
                    if (exactInteger && !(opc instanceof ULong)) return Value.of(((Number) opc).longValue());
                    return Value.of(Math.round(v));
                case UNSIGNED_INTEGER:
                    if (exactInteger && opc instanceof ULong u) return Value.ofUnsigned(u.toBigInteger());
                    if (v < 0) throw new IllegalArgumentException(v + " is negative, the resource is unsigned");
                    return Value.ofUnsigned(Math.round(v));
                case BOOLEAN: return Value.of(isBoolean ? (Boolean) opc : v != 0);
                case STRING: return Value.of(isBoolean ? opc.toString() : exactInteger ? opc.toString() : Value.of(v).toText());
                case TIME: return Value.ofTime(Instant.ofEpochSecond(Math.round(v)));
                default: throw unsupported(opc, target);
            }
        }
        if (opc instanceof String s) {
            return target == ResourceType.STRING ? Value.of(s) : numericText(Value.parse(target, s.strip()), target, scaling);
        }
        if (opc instanceof DateTime time) {
            Instant instant = time.getJavaInstant();
            switch (target) {
                case TIME: return Value.ofTime(instant);
                case INTEGER: return Value.of(instant.getEpochSecond());
                case STRING: return Value.of(instant.toString());
                default: throw unsupported(opc, target);
            }
        }
        if (opc instanceof ByteString bytes) {
            byte[] b = bytes.bytesOrEmpty();
            switch (target) {
                case OPAQUE: return Value.ofOpaque(b);
                case STRING: return Value.of(Base64.getEncoder().encodeToString(b));
                default: throw unsupported(opc, target);
            }
        }
        if (target == ResourceType.STRING) {
            return Value.of(opc.toString());
        }
        throw unsupported(opc, target);
    }

    /** An LwM2M value as an OPC UA Variant of the node's built-in type. */
    public static Variant toOpcUa(Value value, OpcUaDataType nodeType, Scaling scaling) {
        ResourceType type = value.type();
        boolean numeric = type == ResourceType.FLOAT || type == ResourceType.INTEGER || type == ResourceType.UNSIGNED_INTEGER;
        switch (nodeType) {
            case Boolean:
                if (type == ResourceType.BOOLEAN) return Variant.ofBoolean(value.asBoolean());
                if (numeric) return Variant.ofBoolean(value.asDouble() != 0);
                if (type == ResourceType.STRING) return Variant.ofBoolean(Value.parse(ResourceType.BOOLEAN, value.asString()).asBoolean());
                break;
            case Double: return Variant.ofDouble(number(value, scaling));
            case Float: return Variant.ofFloat((float) number(value, scaling));
            case SByte: return Variant.ofSByte((byte) integer(value, scaling, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case Byte: return Variant.ofByte(UByte.valueOf(integer(value, scaling, 0, 255)));
            case Int16: return Variant.ofInt16((short) integer(value, scaling, Short.MIN_VALUE, Short.MAX_VALUE));
            case UInt16: return Variant.ofUInt16(UShort.valueOf((int) integer(value, scaling, 0, 65535)));
            case Int32: return Variant.ofInt32((int) integer(value, scaling, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UInt32: return Variant.ofUInt32(UInteger.valueOf(integer(value, scaling, 0, 0xFFFFFFFFL)));
            case Int64: return Variant.ofInt64(integer(value, scaling, Long.MIN_VALUE, Long.MAX_VALUE));
            case UInt64:
                if (type == ResourceType.UNSIGNED_INTEGER && scaling.isIdentity()) return Variant.ofUInt64(ULong.valueOf(value.asUnsigned()));
                return Variant.ofUInt64(ULong.valueOf(BigInteger.valueOf(integer(value, scaling, 0, Long.MAX_VALUE))));
            case String: return Variant.ofString(numeric ? Value.of(number(value, scaling)).toText() : value.asString());
            case LocalizedText: return Variant.ofLocalizedText(LocalizedText.english(value.asString()));
            case DateTime:
                if (type == ResourceType.TIME) return Variant.ofDateTime(new DateTime(value.asTime()));
                if (type == ResourceType.INTEGER) return Variant.ofDateTime(new DateTime(Instant.ofEpochSecond(value.asLong())));
                break;
            case ByteString:
                if (type == ResourceType.OPAQUE || type == ResourceType.STRING) return Variant.ofByteString(ByteString.of(value.asOpaque()));
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("an LwM2M " + type + " value cannot be written to an OPC UA " + nodeType + " node");
    }

    /** The OPC UA built-in type that shows an LwM2M resource type (a variable's DataType). */
    public static OpcUaDataType dataType(ResourceType t) {
        return switch (t) {
            case FLOAT -> OpcUaDataType.Double;
            case INTEGER -> OpcUaDataType.Int64;
            case UNSIGNED_INTEGER -> OpcUaDataType.UInt64;
            case BOOLEAN -> OpcUaDataType.Boolean;
            case OPAQUE -> OpcUaDataType.ByteString;
            case TIME -> OpcUaDataType.DateTime;
            default -> OpcUaDataType.String;
        };
    }

    private static double number(Value value, Scaling scaling) {
        double d;
        switch (value.type()) {
            case FLOAT, INTEGER, UNSIGNED_INTEGER -> d = value.asDouble();
            case BOOLEAN -> d = value.asBoolean() ? 1 : 0;
            case STRING -> {
                try {
                    d = Double.parseDouble(value.asString().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value.asString() + "' is not a number");
                }
            }
            case TIME -> d = value.asTime().getEpochSecond();
            default -> throw new IllegalArgumentException("an LwM2M " + value.type() + " value is not a number");
        }
        return value.type() == ResourceType.BOOLEAN ? d : scaling.toOpcUa(d);
    }

    private static long integer(Value value, Scaling scaling, long min, long max) {
        if (scaling.isIdentity() && (value.type() == ResourceType.INTEGER || value.type() == ResourceType.TIME)) {
            long l = value.asLong();
            if (l < min || l > max) throw outOfRange(l, min, max);
            return l;
        }
        double d = number(value, scaling);
        double r = Math.rint(d);
        if (r < min || r > max || Double.isNaN(r)) throw outOfRange(d, min, max);
        return (long) r;
    }

    private static IllegalArgumentException outOfRange(Object v, long min, long max) {
        return new IllegalArgumentException(v + " is outside the OPC UA node's range " + min + ".." + max);
    }

    private static Value numericText(Value parsed, ResourceType target, Scaling scaling) {
        if (scaling.isIdentity() || (target != ResourceType.FLOAT && target != ResourceType.INTEGER
                && target != ResourceType.UNSIGNED_INTEGER)) {
            return parsed;
        }
        return toLwM2m(parsed.asDouble(), target, scaling);
    }

    private static boolean isInteger(Object n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof UByte || n instanceof UShort || n instanceof UInteger || n instanceof ULong;
    }

    private static IllegalArgumentException unsupported(Object opc, ResourceType target) {
        return new IllegalArgumentException("an OPC UA " + opc.getClass().getSimpleName() + " value (" + opc
                + ") cannot become an LwM2M " + target + " value");
    }
}
