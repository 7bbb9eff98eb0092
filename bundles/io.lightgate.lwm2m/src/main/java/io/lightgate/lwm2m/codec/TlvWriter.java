/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Read and Notify content written as OMA TLV (Core 1.0 §6.4.3) straight from Lightgate's values:
 * the bytes leshan's encoder followed by {@link TlvRepair} would give, without building leshan's
 * node tree on every Read. Integers in their shortest signed form; unsigned integers of 2^63 and
 * above in 8 bytes; floats in 8 bytes; times in 4 bytes, 8 outside the int range; object links in 4.
 * Core links, and values that need converting to their model's type, are left to leshan
 * ({@link #canWrite}).
 *
 * <p>Pure functions, no state.
 */
final class TlvWriter {

    private static final int OBJECT_INSTANCE = 0b00_000000;
    private static final int RESOURCE_INSTANCE = 0b01_000000;
    private static final int MULTIPLE_RESOURCE = 0b10_000000;
    private static final int RESOURCE_VALUE = 0b11_000000;

    private TlvWriter() {
    }

    /**
     * Whether every resource of {@code content} (shaped as for a Read of an object of
     * {@code model}) is of its model's type and multiplicity and can be written here. Anything
     * else goes through leshan, which converts what fits the model (an integer for a float) and
     * refuses the rest.
     */
    static boolean canWrite(ObjectModel model, Object content) {
        if (content instanceof Resource r) {
            ResourceModel rm = model.resources().get(r.id());
            return rm != null && rm.type() == r.type() && rm.multiple() == r.isMultiple()
                    && r.type() != ResourceType.CORELNK && r.type() != ResourceType.NONE;
        }
        if (content instanceof InstanceContent ic) {
            for (Resource r : ic.resources().values()) {
                if (!canWrite(model, r)) {
                    return false;
                }
            }
            return true;
        }
        if (content instanceof List<?> list) {
            for (Object o : list) {
                if (!canWrite(model, o)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * @param path the request's path: object (content a List of InstanceContent), instance
     *        (InstanceContent), resource or resource instance (Resource)
     * @throws IllegalArgumentException when the content does not fit the path
     * @throws LwM2mException 4.04 for a resource instance the resource does not have
     */
    static byte[] write(LwM2mPath path, Object content) {
        Sink sink = new Sink();
        switch (path.depth()) {
            case 1 -> {
                if (!(content instanceof List<?> list)) {
                    throw new IllegalArgumentException("content for object path " + path + " must be a List<InstanceContent>");
                }
                for (Object o : list) {
                    if (!(o instanceof InstanceContent ic)) {
                        throw new IllegalArgumentException("content for object path " + path + " holds " + o);
                    }
                    sink.header(OBJECT_INSTANCE, ic.id(), resourcesLength(ic.resources()));
                    ic.resources().values().forEach(sink::resource);
                }
            }
            case 2 -> {
                if (!(content instanceof InstanceContent ic)) {
                    throw new IllegalArgumentException("content for instance path " + path + " must be an InstanceContent");
                }
                ic.resources().values().forEach(sink::resource); // the path names the instance: no wrapper
            }
            case 3 -> sink.resource(resource(path, content));
            case 4 -> {
                Resource r = resource(path, content);
                Value v = r.isMultiple() ? r.instances().get(path.resourceInstanceId()) : null;
                if (v == null) {
                    throw LwM2mException.notFound("Resource instance " + path + " does not exist");
                }
                sink.value(RESOURCE_INSTANCE, path.resourceInstanceId(), v);
            }
            default -> throw new IllegalArgumentException("the root path has no content to encode");
        }
        return sink.toByteArray();
    }

    private static Resource resource(LwM2mPath path, Object content) {
        if (!(content instanceof Resource r)) {
            throw new IllegalArgumentException("content for " + path + " must be a Resource");
        }
        if (r.id() != path.resourceId()) {
            throw new IllegalArgumentException("content for " + path + " is resource " + r.id());
        }
        return r;
    }

    // ---- lengths -------------------------------------------------------------------------------

    private static int resourcesLength(Map<Integer, Resource> resources) {
        int length = 0;
        for (Resource r : resources.values()) {
            length += resourceSize(r);
        }
        return length;
    }

    private static int resourceSize(Resource r) {
        if (!r.isMultiple()) {
            return size(r.id(), valueLength(r.value()));
        }
        return size(r.id(), instancesLength(r.instances()));
    }

    private static int instancesLength(Map<Integer, Value> instances) {
        int length = 0;
        for (var e : instances.entrySet()) {
            length += size(e.getKey(), valueLength(e.getValue()));
        }
        return length;
    }

    /** Bytes of a TLV: type byte, identifier, length field, value. */
    private static int size(int id, int length) {
        int lengthField = length < 8 ? 0 : length < 0x100 ? 1 : length < 0x1_0000 ? 2 : 3;
        return 1 + (id < 0x100 ? 1 : 2) + lengthField + length;
    }

    private static int valueLength(Value v) {
        return switch (v.type()) {
            case INTEGER -> integerLength(v.asLong());
            case UNSIGNED_INTEGER -> v.asLong() < 0 ? 8 : integerLength(v.asLong());
            case FLOAT -> 8;
            case BOOLEAN -> 1;
            case TIME -> v.asLong() == (int) v.asLong() ? 4 : 8;
            case OBJLNK -> 4;
            case STRING -> utf8Length(v.asString());
            case OPAQUE -> v.opaqueLength();
            default -> throw new IllegalArgumentException(v.type() + " values are not written by TlvWriter");
        };
    }

    private static int integerLength(long value) {
        if (value == (byte) value) {
            return 1;
        }
        if (value == (short) value) {
            return 2;
        }
        return value == (int) value ? 4 : 8;
    }

    private static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += Character.isSurrogate(c) ? 1 : 3; // getBytes writes a lone surrogate as '?'
            }
        }
        return length;
    }

    /** A byte array filled front to back; sized by the length functions above, grown if they were short. */
    private static final class Sink {
        private byte[] bytes = new byte[64];
        private int size;

        void resource(Resource r) {
            if (!r.isMultiple()) {
                value(RESOURCE_VALUE, r.id(), r.value());
                return;
            }
            header(MULTIPLE_RESOURCE, r.id(), instancesLength(r.instances()));
            r.instances().forEach((id, v) -> value(RESOURCE_INSTANCE, id, v));
        }

        void value(int type, int id, Value v) {
            switch (v.type()) {
                case STRING -> {
                    byte[] utf8 = v.asString().getBytes(StandardCharsets.UTF_8);
                    header(type, id, utf8.length);
                    put(utf8);
                }
                case OPAQUE -> {
                    byte[] opaque = v.asOpaque();
                    header(type, id, opaque.length);
                    put(opaque);
                }
                default -> {
                    int length = valueLength(v);
                    header(type, id, length);
                    switch (v.type()) {
                        case FLOAT -> putLong(Double.doubleToLongBits(v.asDouble()), 8);
                        case BOOLEAN -> put1(v.asBoolean() ? 1 : 0);
                        case OBJLNK -> {
                            putLong(v.asObjectLink().objectId(), 2);
                            putLong(v.asObjectLink().instanceId(), 2);
                        }
                        default -> putLong(v.asLong(), length); // INTEGER, UNSIGNED_INTEGER, TIME
                    }
                }
            }
        }

        void header(int type, int id, int length) {
            if (length >= 0x100_0000) {
                throw new IllegalArgumentException("a TLV value is limited to 16 MiB, this one has " + length + " bytes");
            }
            int lengthField = length < 8 ? 0 : length < 0x100 ? 1 : length < 0x1_0000 ? 2 : 3;
            put1(type | (id < 0x100 ? 0 : 0b10_0000) | (lengthField == 0 ? length : lengthField << 3));
            putLong(id, id < 0x100 ? 1 : 2);
            if (lengthField > 0) {
                putLong(length, lengthField);
            }
        }

        /** The low {@code count} bytes of {@code value}, big-endian. */
        void putLong(long value, int count) {
            ensure(count);
            for (int shift = 8 * (count - 1); shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void put1(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
