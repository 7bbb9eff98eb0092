/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Converts between Leshan's node model and the plain values of
 * {@link io.lightgate.server.api.NodeContent} (and the text a user types into a Write form).
 */
final class NodeValues {

    private NodeValues() {
    }

    /** A Leshan node as plain Java values (see NodeContent). */
    static Object toPlain(LwM2mNode node) {
        if (node instanceof LwM2mSingleResource single) {
            return plainValue(single.getValue(), single.getType());
        }
        if (node instanceof LwM2mMultipleResource multiple) {
            Map<Integer, Object> values = new LinkedHashMap<>();
            multiple.getInstances().forEach((id, instance) -> values.put(id, plainValue(instance.getValue(), instance.getType())));
            return values;
        }
        if (node instanceof LwM2mResourceInstance instance) {
            return plainValue(instance.getValue(), instance.getType());
        }
        if (node instanceof LwM2mObjectInstance instance) {
            Map<Integer, Object> resources = new LinkedHashMap<>();
            instance.getResources().forEach((id, resource) -> resources.put(id, toPlain(resource)));
            return resources;
        }
        if (node instanceof LwM2mObject object) {
            Map<Integer, Object> instances = new LinkedHashMap<>();
            object.getInstances().forEach((id, instance) -> instances.put(id, toPlain(instance)));
            return instances;
        }
        return node == null ? null : node.toString();
    }

    private static Object plainValue(Object value, Type type) {
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof ObjectLink link) {
            return link.getObjectId() + ":" + link.getObjectInstanceId();
        }
        if (value instanceof ULong unsigned) {
            BigInteger big = unsigned.toBigInteger();
            return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value == null ? null : value.toString();
    }

    /**
     * Parses what a user typed for a resource of this type.
     *
     * @throws IllegalArgumentException with a message naming the expected form
     */
    static Value parse(String text, Type type) {
        String value = text == null ? "" : text.strip();
        try {
            switch (type) {
                case STRING:
                    return Value.of(text == null ? "" : text);
                case INTEGER:
                    return Value.of(Long.parseLong(value));
                case UNSIGNED_INTEGER:
                    if (value.startsWith("-")) {
                        throw new IllegalArgumentException("an unsigned integer cannot be negative: " + value);
                    }
                    return Value.ofUnsigned(new BigInteger(value));
                case FLOAT:
                    double d = Double.parseDouble(value);
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException("not a finite number: " + value);
                    }
                    return Value.of(d);
                case BOOLEAN:
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "true": case "1": case "on": return Value.of(true);
                        case "false": case "0": case "off": return Value.of(false);
                        default: throw new IllegalArgumentException("expected true or false, got '" + value + "'");
                    }
                case TIME:
                    return Value.ofTime(value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                            ? Instant.ofEpochSecond(Long.parseLong(value))
                            : Instant.parse(value));
                case OPAQUE:
                    try {
                        return Value.ofOpaque(HexFormat.of().parseHex(value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("'" + value + "' is not a valid hex string (" + e.getMessage() + ")", e);
                    }
                case OBJLNK:
                    String[] parts = value.split(":");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("expected an object link as objectId:instanceId, got '" + value + "'");
                    }
                    return Value.of(new io.lightgate.api.ObjectLink(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                default:
                    throw new IllegalArgumentException("resources of type " + type + " cannot be written from text");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + describe(type), e);
        }
    }

    private static String describe(Type type) {
        switch (type) {
            case INTEGER: return "integer";
            case UNSIGNED_INTEGER: return "unsigned integer";
            case FLOAT: return "number";
            case TIME: return "time (ISO-8601 like 2026-01-31T12:00:00Z, or epoch seconds)";
            case OPAQUE: return "hex string";
            case OBJLNK: return "object link (objectId:instanceId)";
            default: return type.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The Leshan type of an SPI value type. */
    static Type type(ResourceType type) {
        return type == ResourceType.CORELNK ? Type.CORELINK : Type.valueOf(type.name());
    }

    /**
     * A typed value as the Java value Leshan encodes for a resource of this type.
     *
     * @throws IllegalArgumentException when the value is of another type, or of one that cannot be written
     */
    static Object toLeshan(Value value, Type type) {
        if (type(value.type()) != type) {
            throw new IllegalArgumentException("expected a " + describe(type) + ", got a value of type " + value.type() + " (" + value + ")");
        }
        switch (value.type()) {
            case STRING: return value.asString();
            case INTEGER: return value.asLong();
            case UNSIGNED_INTEGER: return ULong.valueOf(value.asUnsigned());
            case FLOAT: return value.asDouble();
            case BOOLEAN: return value.asBoolean();
            case TIME: return Date.from(value.asTime());
            case OPAQUE: return value.asOpaque();
            case OBJLNK: return new ObjectLink(value.asObjectLink().objectId(), value.asObjectLink().instanceId());
            default: throw new IllegalArgumentException("resources of type " + type + " cannot be written");
        }
    }

    /** A Leshan path as the SPI's. */
    static io.lightgate.api.LwM2mPath path(org.eclipse.leshan.core.node.LwM2mPath path) {
        return io.lightgate.api.LwM2mPath.parse(path.toString());
    }

    /** A Leshan resource node for a parsed value. */
    static LwM2mResource resource(int resourceId, Object value, Type type) {
        return LwM2mSingleResource.newResource(resourceId, value, type);
    }
}
