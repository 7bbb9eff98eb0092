/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable, typed LwM2M value. Create values with the {@code of...} factories; read them
 * with the accessor matching {@link #type()}. Unsigned integers hold 64 bits (read them with
 * {@link #asUnsigned()}); times have second precision as on the wire.
 */
public final class Value {

    private final ResourceType type;
    private final Object raw;

    private Value(ResourceType type, Object raw) {
        this.type = type;
        this.raw = raw;
    }

    public static Value of(long integer) { return new Value(ResourceType.INTEGER, integer); }
    public static Value of(double number) { return new Value(ResourceType.FLOAT, number); }
    public static Value of(boolean flag) { return new Value(ResourceType.BOOLEAN, flag); }
    public static Value of(String text) { return new Value(ResourceType.STRING, Objects.requireNonNull(text, "text")); }
    public static Value of(ObjectLink link) { return new Value(ResourceType.OBJLNK, Objects.requireNonNull(link, "link")); }

    /** An unsigned integer, 0 .. 2^64-1. */
    public static Value ofUnsigned(BigInteger unsigned) {
        if (unsigned.signum() < 0 || unsigned.bitLength() > 64) {
            throw new IllegalArgumentException("unsigned integer " + unsigned + " is outside 0..2^64-1");
        }
        return new Value(ResourceType.UNSIGNED_INTEGER, unsigned.longValue());
    }

    /** An unsigned integer from a non-negative long. */
    public static Value ofUnsigned(long unsigned) {
        if (unsigned < 0) {
            throw new IllegalArgumentException("unsigned integer " + unsigned + " is negative");
        }
        return new Value(ResourceType.UNSIGNED_INTEGER, unsigned);
    }

    /** Opaque bytes; the array is copied. */
    public static Value ofOpaque(byte[] bytes) { return new Value(ResourceType.OPAQUE, bytes.clone()); }

    /** A time, truncated to whole seconds. */
    public static Value ofTime(Instant time) { return new Value(ResourceType.TIME, Instant.ofEpochSecond(time.getEpochSecond())); }

    /** A CoRE link-format string (RFC 6690). */
    public static Value ofCoreLink(String links) { return new Value(ResourceType.CORELNK, Objects.requireNonNull(links, "links")); }

    /**
     * Parses the LwM2M plain-text representation of a value of the given type (opaque as
     * base64, time as seconds since the epoch, boolean as 0/1, object link as {@code 3:0}).
     *
     * @throws IllegalArgumentException naming the text and the type when it does not parse
     */
    public static Value parse(ResourceType type, String text) {
        Objects.requireNonNull(text, "text");
        try {
            switch (type) {
                case STRING: return of(text);
                case CORELNK: return ofCoreLink(text);
                case INTEGER: return of(Long.parseLong(text.strip()));
                case UNSIGNED_INTEGER: return ofUnsigned(new BigInteger(text.strip()));
                case FLOAT: return of(Double.parseDouble(text.strip()));
                case BOOLEAN:
                    String b = text.strip().toLowerCase(Locale.ROOT);
                    if (b.equals("1") || b.equals("true")) return of(true);
                    if (b.equals("0") || b.equals("false")) return of(false);
                    throw new IllegalArgumentException("not 0 or 1");
                case TIME: return ofTime(Instant.ofEpochSecond(Long.parseLong(text.strip())));
                case OBJLNK: return of(ObjectLink.parse(text));
                case OPAQUE: return ofOpaque(Base64.getDecoder().decode(text.strip()));
                default: throw new IllegalArgumentException("executable resources have no value");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type + " value: " + e.getMessage(), e);
        }
    }

    public ResourceType type() { return type; }

    /** The value of an INTEGER, TIME (epoch seconds) or UNSIGNED_INTEGER (raw 64 bits) value. */
    public long asLong() {
        if (raw instanceof Long l) return l;
        if (raw instanceof Instant t) return t.getEpochSecond();
        throw wrongType("a long");
    }

    /** An UNSIGNED_INTEGER (or non-negative INTEGER) value as a BigInteger. */
    public BigInteger asUnsigned() {
        if (type == ResourceType.UNSIGNED_INTEGER) return new BigInteger(Long.toUnsignedString((Long) raw));
        if (type == ResourceType.INTEGER && (Long) raw >= 0) return BigInteger.valueOf((Long) raw);
        throw wrongType("an unsigned integer");
    }

    /** A FLOAT value, or any integer type widened to double. */
    public double asDouble() {
        if (raw instanceof Double d) return d;
        if (type == ResourceType.UNSIGNED_INTEGER) return asUnsigned().doubleValue();
        if (raw instanceof Long l) return l;
        throw wrongType("a number");
    }

    public boolean asBoolean() {
        if (raw instanceof Boolean b) return b;
        throw wrongType("a boolean");
    }

    /** STRING and CORELNK values; other types answer their plain-text form ({@link #toText()}). */
    public String asString() {
        return raw instanceof String s ? s : toText();
    }

    /** An OPAQUE value's bytes (a copy); a STRING's UTF-8 bytes. */
    public byte[] asOpaque() {
        if (raw instanceof byte[] b) return b.clone();
        if (raw instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        throw wrongType("opaque");
    }

    /**
     * Writes an OPAQUE value's bytes (a STRING's UTF-8 bytes) to {@code out} without copying them
     * first: for large values, such as a firmware image written to a file.
     */
    public void writeOpaqueTo(OutputStream out) throws IOException {
        if (raw instanceof byte[] b) {
            out.write(b);
        } else {
            out.write(asOpaque());
        }
    }

    /** The number of bytes {@link #asOpaque()} answers, without copying them. */
    public int opaqueLength() {
        return raw instanceof byte[] b ? b.length : asOpaque().length;
    }

    public Instant asTime() {
        if (raw instanceof Instant t) return t;
        throw wrongType("a time");
    }

    public ObjectLink asObjectLink() {
        if (raw instanceof ObjectLink l) return l;
        throw wrongType("an object link");
    }

    /**
     * The LwM2M plain-text form: decimal numbers (floats without exponent artefacts), 0/1 for
     * booleans, epoch seconds for time, base64 for opaque, {@code 3:0} for object links.
     */
    public String toText() {
        switch (type) {
            case FLOAT: return formatFloat((Double) raw);
            case UNSIGNED_INTEGER: return Long.toUnsignedString((Long) raw);
            case BOOLEAN: return ((Boolean) raw) ? "1" : "0";
            case TIME: return Long.toString(((Instant) raw).getEpochSecond());
            case OPAQUE: return Base64.getEncoder().encodeToString((byte[]) raw);
            default: return String.valueOf(raw);
        }
    }

    private static String formatFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        // shortest decimal that round-trips, without exponent: 0.1 stays 0.1, 1e21 is spelled out
        String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private IllegalStateException wrongType(String wanted) {
        return new IllegalStateException("value of type " + type + " is not " + wanted);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Value v) || v.type != type) return false;
        return raw instanceof byte[] b ? Arrays.equals(b, (byte[]) v.raw) : raw.equals(v.raw);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (raw instanceof byte[] b ? Arrays.hashCode(b) : raw.hashCode());
    }

    @Override
    public String toString() {
        return type == ResourceType.OPAQUE ? "opaque[" + ((byte[]) raw).length + " bytes]" : toText();
    }
}
