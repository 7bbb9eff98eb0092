/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.eclipse.leshan.core.tlv.Tlv;
import org.eclipse.leshan.core.tlv.TlvDecoder;
import org.eclipse.leshan.core.tlv.TlvEncoder;
import org.eclipse.leshan.core.tlv.TlvException;

/**
 * Repairs leshan-core 2.0.0-M15's TLV handling of unsigned integers, which treats them as signed
 * both ways:
 * <ul>
 * <li>encoding writes the shortest <em>signed</em> form of the value's 64 bits, so 2^64-1 becomes
 * the single byte {@code FF}, which any other decoder reads as 255. {@link #widen} rewrites such
 * values (2^63 and above, written shorter than 8 bytes) as 8 bytes. Values below 2^63 stay as
 * leshan writes them: their top bit is clear, so signed and unsigned readers agree.</li>
 * <li>decoding sign-extends, so a 1-byte {@code C8} (200, as the spec writes it) becomes
 * 2^64-56. {@link #zeroExtend} rewrites unsigned values shorter than 8 bytes whose top bit is
 * set as 8 zero-extended bytes before leshan decodes them.</li>
 * </ul>
 * Both work on leshan's TLV tree (object instance → resource → resource instance) and need to know
 * which resource ids are unsigned. Payloads that do not parse are returned unchanged (leshan
 * reports the error).
 */
final class TlvUnsigned {

    private TlvUnsigned() {
    }

    /** After leshan encoded: unsigned values of 2^63 and above as 8 bytes. */
    static byte[] widen(byte[] tlv, int pathResourceId, IntPredicate unsignedResource) {
        return rewrite(tlv, pathResourceId, unsignedResource, v -> {
            if (v.length > 0 && v.length < 8 && v[0] < 0) {
                return ByteBuffer.allocate(8).putLong(new BigInteger(v).longValue()).array();
            }
            return v;
        });
    }

    /** Before leshan decodes: unsigned values shorter than 8 bytes with the top bit set, zero-extended. */
    static byte[] zeroExtend(byte[] tlv, int pathResourceId, IntPredicate unsignedResource) {
        return rewrite(tlv, pathResourceId, unsignedResource, v -> {
            if (v.length > 0 && v.length < 8 && v[0] < 0) {
                return ByteBuffer.allocate(8).putLong(new BigInteger(1, v).longValue()).array();
            }
            return v;
        });
    }

    private static byte[] rewrite(byte[] tlv, int pathResourceId, IntPredicate unsignedResource,
            UnaryOperator<byte[]> fix) {
        if (tlv == null || tlv.length == 0) {
            return tlv;
        }
        Tlv[] tree;
        try {
            tree = TlvDecoder.decode(ByteBuffer.wrap(tlv));
        } catch (TlvException | RuntimeException e) {
            return tlv;
        }
        boolean[] changed = { false };
        walk(tree, pathResourceId, unsignedResource, fix, changed);
        if (!changed[0]) {
            return tlv;
        }
        ByteBuffer out = TlvEncoder.encode(tree);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static void walk(Tlv[] tlvs, int resourceId, IntPredicate unsignedResource, UnaryOperator<byte[]> fix,
            boolean[] changed) {
        for (Tlv t : tlvs) {
            switch (t.getType()) {
                case OBJECT_INSTANCE:
                    walk(t.getChildren(), -1, unsignedResource, fix, changed);
                    break;
                case MULTIPLE_RESOURCE:
                    walk(t.getChildren(), t.getIdentifier(), unsignedResource, fix, changed);
                    break;
                case RESOURCE_VALUE:
                    apply(t, unsignedResource.test(t.getIdentifier()), fix, changed);
                    break;
                case RESOURCE_INSTANCE:
                    apply(t, resourceId >= 0 && unsignedResource.test(resourceId), fix, changed);
                    break;
                default:
                    break;
            }
        }
    }

    private static void apply(Tlv t, boolean unsigned, UnaryOperator<byte[]> fix, boolean[] changed) {
        if (!unsigned || t.getValue() == null) {
            return;
        }
        byte[] fixed = fix.apply(t.getValue());
        if (fixed != t.getValue()) {
            t.setValue(fixed);
            changed[0] = true;
        }
    }
}
