/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A COSEM data value (the A-XDR {@code Data} CHOICE). Immutable; byte arrays are copied in
 * and out. Encode and decode with {@link Axdr}.
 */
public sealed interface DlmsData {

    DataType type();

    /** null-data. */
    DlmsData NULL = new Null();

    static DlmsData bool(boolean b) { return new Bool(b); }
    static DlmsData int8(int v) { return new Int(DataType.INTEGER, (byte) v); }
    static DlmsData int16(int v) { return new Int(DataType.LONG, (short) v); }
    static DlmsData int32(int v) { return new Int(DataType.DOUBLE_LONG, v); }
    static DlmsData int64(long v) { return new Int(DataType.LONG64, v); }
    static DlmsData uint8(int v) { return new Int(DataType.UNSIGNED, v & 0xFF); }
    static DlmsData uint16(int v) { return new Int(DataType.LONG_UNSIGNED, v & 0xFFFF); }
    static DlmsData uint32(long v) { return new Int(DataType.DOUBLE_LONG_UNSIGNED, v & 0xFFFFFFFFL); }
    /** long64-unsigned from its 64 raw bits. */
    static DlmsData uint64(long rawBits) { return new Int(DataType.LONG64_UNSIGNED, rawBits); }
    static DlmsData enumeration(int v) { return new Int(DataType.ENUM, v & 0xFF); }
    static DlmsData float32(float v) { return new Floating(DataType.FLOAT32, v); }
    static DlmsData float64(double v) { return new Floating(DataType.FLOAT64, v); }
    static DlmsData octets(byte[] b) { return new Octets(DataType.OCTET_STRING, b); }
    static DlmsData visible(String s) { return new Text(DataType.VISIBLE_STRING, s); }
    static DlmsData utf8(String s) { return new Text(DataType.UTF8_STRING, s); }
    static DlmsData array(List<DlmsData> items) { return new Sequence(DataType.ARRAY, items); }
    static DlmsData structure(DlmsData... items) { return new Sequence(DataType.STRUCTURE, List.of(items)); }
    static DlmsData structure(List<DlmsData> items) { return new Sequence(DataType.STRUCTURE, items); }

    /** The value as a number, for integer and float types; otherwise IllegalStateException. */
    default BigDecimal asNumber() {
        throw new IllegalStateException(type() + " is not a number");
    }

    /** The value as a long, for integer types. */
    default long asLong() {
        return asNumber().longValueExact();
    }

    /** The elements of an array or structure. */
    default List<DlmsData> items() {
        throw new IllegalStateException(type() + " is not an array or structure");
    }

    /** The bytes of an octet-string, bit-string, date/time or string type (a copy). */
    default byte[] bytes() {
        throw new IllegalStateException(type() + " has no bytes");
    }

    /** null-data. */
    record Null() implements DlmsData {
        @Override public DataType type() { return DataType.NULL_DATA; }
        @Override public String toString() { return "null"; }
    }

    /** boolean. */
    record Bool(boolean value) implements DlmsData {
        @Override public DataType type() { return DataType.BOOLEAN; }
        @Override public String toString() { return Boolean.toString(value); }
    }

    /**
     * An integer type or enum or bcd. {@code value} holds the number; for long64-unsigned it holds
     * the raw 64 bits (see {@link #asNumber()}).
     */
    record Int(DataType type, long value) implements DlmsData {
        public Int {
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type + " is not an integer type");
            }
        }

        @Override
        public BigDecimal asNumber() {
            return type == DataType.LONG64_UNSIGNED && value < 0
                    ? new BigDecimal(new BigInteger(Long.toUnsignedString(value)))
                    : BigDecimal.valueOf(value);
        }

        @Override public String toString() { return asNumber().toPlainString(); }
    }

    /** float32 or float64. */
    record Floating(DataType type, double value) implements DlmsData {
        public Floating {
            if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
                throw new IllegalArgumentException(type + " is not a float type");
            }
        }

        @Override
        public BigDecimal asNumber() {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalStateException("float value " + value + " is not a number");
            }
            // the shortest decimal of the float as the meter sent it: 230.1f reads 230.1
            return new BigDecimal(type == DataType.FLOAT32 ? Float.toString((float) value) : Double.toString(value));
        }

        @Override public String toString() { return Double.toString(value); }
    }

    /** octet-string, bit-string (with its bit count), date-time, date or time: raw bytes. */
    record Octets(DataType type, byte[] value, int bits) implements DlmsData {
        public Octets {
            Objects.requireNonNull(value, "value");
            value = value.clone();
            if (type.size() > 0 && value.length != type.size()) {
                throw new IllegalArgumentException(type + " has " + type.size() + " bytes, not " + value.length);
            }
        }

        public Octets(DataType type, byte[] value) {
            this(type, value, value.length * 8);
        }

        @Override public byte[] bytes() { return value.clone(); }

        @Override public byte[] value() { return value.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Octets x && x.type == type && x.bits == bits && Arrays.equals(x.value, value);
        }

        @Override public int hashCode() { return 31 * type.hashCode() + Arrays.hashCode(value); }

        @Override public String toString() { return type + "[" + HexFormat.of().formatHex(value) + "]"; }
    }

    /** visible-string or utf8-string. */
    record Text(DataType type, String value) implements DlmsData {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public byte[] bytes() {
            return value.getBytes(type == DataType.UTF8_STRING ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
        }

        @Override public String toString() { return '"' + value + '"'; }
    }

    /** array or structure (a compact-array decodes to an array). */
    record Sequence(DataType type, List<DlmsData> items) implements DlmsData {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override public String toString() { return (type == DataType.ARRAY ? "array" : "structure") + items; }
    }
}
