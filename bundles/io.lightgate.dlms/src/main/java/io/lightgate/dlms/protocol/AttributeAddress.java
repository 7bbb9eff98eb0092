/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A COSEM attribute (or method) descriptor: interface class, logical name, attribute or method
 * index, and optional selective access (selector + parameters) for GET.
 */
public record AttributeAddress(int classId, ObisCode obis, int index, int selector, @Nullable DlmsData parameters) {

    public AttributeAddress {
        Objects.requireNonNull(obis, "obis");
        if (classId < 0 || classId > 0xFFFF || index < -128 || index > 255) {
            throw new IllegalArgumentException("bad attribute descriptor " + classId + "/" + obis + "/" + index);
        }
    }

    public AttributeAddress(int classId, ObisCode obis, int index) {
        this(classId, obis, index, 0, null);
    }

    public AttributeAddress withAccess(int selector, DlmsData parameters) {
        return new AttributeAddress(classId, obis, index, selector, parameters);
    }

    void encode(ByteWriter w, boolean withAccessSelection) {
        w.u16(classId).bytes(obis.bytes()).u8(index);
        if (withAccessSelection) {
            if (selector == 0) {
                w.u8(0);
            } else {
                w.u8(1).u8(selector);
                Axdr.encode(parameters == null ? DlmsData.NULL : parameters, w);
            }
        }
    }

    static AttributeAddress decode(ByteReader r, boolean withAccessSelection) throws DlmsProtocolException {
        int classId = r.u16("class-id");
        ObisCode obis = ObisCode.of(r.bytes(6, "logical name"));
        int index = (byte) r.u8("attribute id");
        if (!withAccessSelection || r.u8("access selection flag") == 0) {
            return new AttributeAddress(classId, obis, index);
        }
        int selector = r.u8("access selector");
        return new AttributeAddress(classId, obis, index, selector, Axdr.decode(r));
    }

    @Override
    public String toString() {
        return classId + "/" + obis + "/" + index + (selector == 0 ? "" : " selector " + selector);
    }
}
