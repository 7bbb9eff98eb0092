/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.util.Locale;

/** The data types of LwM2M resources (OMA LwM2M Core, Appendix C). */
public enum ResourceType {
    STRING("String"),
    INTEGER("Integer"),
    UNSIGNED_INTEGER("Unsigned Integer"),
    FLOAT("Float"),
    BOOLEAN("Boolean"),
    OPAQUE("Opaque"),
    TIME("Time"),
    OBJLNK("Objlnk"),
    CORELNK("Corelnk"),
    /** Executable resources carry no value. */
    NONE("");

    private final String ddfName;

    ResourceType(String ddfName) {
        this.ddfName = ddfName;
    }

    /** The spelling used in OMA DDF files. */
    public String ddfName() {
        return ddfName;
    }

    /**
     * Reads a DDF {@code <Type>} element's text ("Float", "Unsigned Integer", "" for none).
     *
     * @throws IllegalArgumentException for an unknown type name
     */
    public static ResourceType fromDdf(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "": case "none": return NONE;
            case "string": return STRING;
            case "integer": return INTEGER;
            case "unsigned integer": case "unsignedinteger": return UNSIGNED_INTEGER;
            case "float": return FLOAT;
            case "boolean": return BOOLEAN;
            case "opaque": return OPAQUE;
            case "time": return TIME;
            case "objlnk": return OBJLNK;
            case "corelnk": return CORELNK;
            default: throw new IllegalArgumentException("unknown resource type '" + text + "'");
        }
    }
}
