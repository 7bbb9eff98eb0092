/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.function.IntPredicate;
import org.eclipse.leshan.core.tlv.Tlv;
import org.eclipse.leshan.core.tlv.TlvDecoder;
import org.eclipse.leshan.core.tlv.TlvEncoder;
import org.eclipse.leshan.core.tlv.TlvException;

/**
 * Repairs two value encodings of leshan-core 2.0.0-M15's TLV codec, working on leshan's TLV tree
 * (object instance → resource → resource instance):
 * <ul>
 * <li>Unsigned integers are treated as signed. Encoding writes the shortest <em>signed</em> form
 * of the value's 64 bits, so 2^64-1 becomes the single byte {@code FF}, which any other decoder
 * reads as 255: {@link #repairEncoded} rewrites values of 2^63 and above as 8 bytes (values below
 * keep leshan's form: their top bit is clear, so signed and unsigned readers agree). Decoding
 * sign-extends, so a 1-byte {@code C8} (200 as the spec writes it) becomes 2^64-56:
 * {@link #repairForDecoding} zero-extends unsigned values shorter than 8 bytes whose top bit is set
 * before leshan decodes them.</li>
 * <li>Times are always written as a 4-byte int, which wraps after 2038-01-19: {@link #repairEncoded}
 * rewrites times outside the int range as 8 bytes (decoding already accepts 8 bytes).</li>
 * </ul>
 * Payloads that do not parse are returned unchanged (leshan reports the error).
 */
final class TlvRepair {

    /** The value leshan encoded at a place of the tree, or {@code null} when it needs no repair or is unknown. */
    @FunctionalInterface
    interface ValueAt {
        /**
         * @param instanceId the enclosing object instance TLV's id, -1 when there is none
         * @param resourceId the resource id
         * @param resourceInstanceId the resource instance id, -1 for a single resource value
         */
        Value valueAt(int instanceId, int resourceId, int resourceInstanceId);
    }

    private TlvRepair() {
    }

    /**
     * After leshan encoded: unsigned values of 2^63 and above and times outside the int range as
     * 8 bytes, taken from the original values.
     *
     * @param pathResourceId the request path's resource id, -1 above resource level
     */
    static byte[] repairEncoded(byte[] tlv, int pathResourceId, ValueAt values) {
        Tlv[] tree = parse(tlv);
        if (tree == null) {
            return tlv;
        }
        boolean[] changed = { false };
        walk(tree, -1, pathResourceId, (t, instanceId, resourceId, resourceInstanceId) -> {
            Value v = values.valueAt(instanceId, resourceId, resourceInstanceId);
            if (v == null) {
                return;
            }
            if (v.type() == ResourceType.UNSIGNED_INTEGER && v.asLong() < 0 && t.getValue().length < 8) {
                t.setValue(ByteBuffer.allocate(8).putLong(v.asLong()).array());
                changed[0] = true;
            } else if (v.type() == ResourceType.TIME) {
                long seconds = v.asTime().getEpochSecond();
                if (seconds != (int) seconds) {
                    t.setValue(ByteBuffer.allocate(8).putLong(seconds).array());
                    changed[0] = true;
                }
            }
        });
        return changed[0] ? serialize(tree) : tlv;
    }

    /**
     * Before leshan decodes: unsigned values shorter than 8 bytes with the top bit set,
     * zero-extended to 8 bytes.
     *
     * @param pathResourceId the request path's resource id, -1 above resource level
     * @param unsignedResource whether a resource id is an unsigned integer by the model
     */
    static byte[] repairForDecoding(byte[] tlv, int pathResourceId, IntPredicate unsignedResource) {
        Tlv[] tree = parse(tlv);
        if (tree == null) {
            return tlv;
        }
        boolean[] changed = { false };
        walk(tree, -1, pathResourceId, (t, instanceId, resourceId, resourceInstanceId) -> {
            byte[] v = t.getValue();
            if (v.length > 0 && v.length < 8 && v[0] < 0 && unsignedResource.test(resourceId)) {
                t.setValue(ByteBuffer.allocate(8).putLong(new BigInteger(1, v).longValue()).array());
                changed[0] = true;
            }
        });
        return changed[0] ? serialize(tree) : tlv;
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(Tlv valueTlv, int instanceId, int resourceId, int resourceInstanceId);
    }

    /** Visits every value TLV with its place in the tree. */
    private static void walk(Tlv[] tlvs, int instanceId, int resourceId, Visitor visitor) {
        for (Tlv t : tlvs) {
            switch (t.getType()) {
                case OBJECT_INSTANCE:
                    walk(t.getChildren(), t.getIdentifier(), -1, visitor);
                    break;
                case MULTIPLE_RESOURCE:
                    walk(t.getChildren(), instanceId, t.getIdentifier(), visitor);
                    break;
                case RESOURCE_VALUE:
                    if (t.getValue() != null) {
                        visitor.visit(t, instanceId, t.getIdentifier(), -1);
                    }
                    break;
                case RESOURCE_INSTANCE:
                    if (t.getValue() != null && resourceId >= 0) {
                        visitor.visit(t, instanceId, resourceId, t.getIdentifier());
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static Tlv[] parse(byte[] tlv) {
        if (tlv == null || tlv.length == 0) {
            return null;
        }
        try {
            return TlvDecoder.decode(ByteBuffer.wrap(tlv));
        } catch (TlvException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] serialize(Tlv[] tree) {
        ByteBuffer out = TlvEncoder.encode(tree);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }
}
