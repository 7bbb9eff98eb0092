/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import org.jspecify.annotations.Nullable;

/** The COSEM data types with their A-XDR tags (IEC 62056-6-2) and fixed sizes (-1: variable). */
public enum DataType {
    NULL_DATA(0, 0),
    ARRAY(1, -1),
    STRUCTURE(2, -1),
    BOOLEAN(3, 1),
    BIT_STRING(4, -1),
    DOUBLE_LONG(5, 4),
    DOUBLE_LONG_UNSIGNED(6, 4),
    OCTET_STRING(9, -1),
    VISIBLE_STRING(10, -1),
    UTF8_STRING(12, -1),
    BCD(13, 1),
    INTEGER(15, 1),
    LONG(16, 2),
    UNSIGNED(17, 1),
    LONG_UNSIGNED(18, 2),
    COMPACT_ARRAY(19, -1),
    LONG64(20, 8),
    LONG64_UNSIGNED(21, 8),
    ENUM(22, 1),
    FLOAT32(23, 4),
    FLOAT64(24, 8),
    DATE_TIME(25, 12),
    DATE(26, 5),
    TIME(27, 4);

    private static final DataType[] BY_TAG = new DataType[256];

    static {
        for (DataType t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;
    private final int size;

    DataType(int tag, int size) {
        this.tag = tag;
        this.size = size;
    }

    public int tag() { return tag; }

    /** The encoded size of a fixed-size type, -1 for variable-length ones. */
    public int size() { return size; }

    /** True for the integer types and enum. */
    public boolean isInteger() {
        return switch (this) {
            case DOUBLE_LONG, DOUBLE_LONG_UNSIGNED, BCD, INTEGER, LONG, UNSIGNED, LONG_UNSIGNED, LONG64,
                    LONG64_UNSIGNED, ENUM -> true;
            default -> false;
        };
    }

    /** The type with this tag, or null. */
    public static @Nullable DataType ofTag(int tag) {
        return tag < 0 || tag > 255 ? null : BY_TAG[tag];
    }
}
