/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A-XDR encoding and decoding of {@link DlmsData} (IEC 62056-6-2 / Green Book). Decoding is
 * bounded: lengths must fit in the bytes that follow, nesting is limited to {@value #MAX_DEPTH}
 * levels and one value to {@value #MAX_NODES} elements, so a hostile length field cannot make
 * the decoder allocate more than the frame's own size.
 */
public final class Axdr {

    /** Deepest nesting of arrays/structures accepted. */
    public static final int MAX_DEPTH = 16;

    /** Most elements one decoded value may contain. */
    public static final int MAX_NODES = 200_000;

    private Axdr() {
    }

    /** Encodes a value with its tag. */
    public static byte[] encode(DlmsData data) {
        ByteWriter w = new ByteWriter();
        encode(data, w);
        return w.toByteArray();
    }

    /** Encodes a value with its tag into a writer. */
    public static void encode(DlmsData data, ByteWriter w) {
        w.u8(data.type().tag());
        encodeContent(data, w);
    }

    private static void encodeContent(DlmsData data, ByteWriter w) {
        if (data instanceof DlmsData.Bool b) {
            w.u8(b.value() ? 1 : 0);
        } else if (data instanceof DlmsData.Int i) {
            switch (i.type().size()) {
                case 1 -> w.u8((int) i.value());
                case 2 -> w.u16((int) i.value());
                case 4 -> w.u32(i.value());
                default -> w.s64(i.value());
            }
        } else if (data instanceof DlmsData.Floating f) {
            if (f.type() == DataType.FLOAT32) {
                w.u32(Float.floatToIntBits((float) f.value()) & 0xFFFFFFFFL);
            } else {
                w.s64(Double.doubleToLongBits(f.value()));
            }
        } else if (data instanceof DlmsData.Octets o) {
            if (o.type() == DataType.BIT_STRING) {
                w.length(o.bits());
            } else if (o.type().size() < 0) {
                w.length(o.value().length);
            }
            w.bytes(o.value());
        } else if (data instanceof DlmsData.Text t) {
            byte[] b = t.bytes();
            w.length(b.length).bytes(b);
        } else if (data instanceof DlmsData.Sequence s) {
            w.length(s.items().size());
            for (DlmsData item : s.items()) {
                encode(item, w);
            }
        }
        // null-data has no content
    }

    /** Decodes one value that must fill the array exactly. */
    public static DlmsData decode(byte[] bytes) throws DlmsProtocolException {
        ByteReader r = new ByteReader(bytes);
        DlmsData d = decode(r);
        if (r.hasRemaining()) {
            throw new DlmsProtocolException(r.remaining() + " bytes after the data value");
        }
        return d;
    }

    /** Decodes one tagged value from the reader. */
    public static DlmsData decode(ByteReader r) throws DlmsProtocolException {
        return new Decoder().tagged(r, 0);
    }

    /** Per-value state: how many elements have been decoded so far. */
    private static final class Decoder {
        private int nodes;

        DlmsData tagged(ByteReader r, int depth) throws DlmsProtocolException {
            int tag = r.u8("data tag");
            DataType type = DataType.ofTag(tag);
            if (type == null) {
                throw new DlmsProtocolException("unknown data tag " + tag);
            }
            if (type == DataType.COMPACT_ARRAY) {
                return compactArray(r, depth);
            }
            return content(type, r, depth);
        }

        private void count(int n) throws DlmsProtocolException {
            nodes += n;
            if (nodes > MAX_NODES) {
                throw new DlmsProtocolException("data value has more than " + MAX_NODES + " elements");
            }
        }

        DlmsData content(DataType type, ByteReader r, int depth) throws DlmsProtocolException {
            count(1);
            switch (type) {
                case NULL_DATA: return DlmsData.NULL;
                case BOOLEAN: return DlmsData.bool(r.u8("boolean") != 0);
                case INTEGER: return new DlmsData.Int(type, (byte) r.u8("integer"));
                case UNSIGNED: case ENUM: case BCD: return new DlmsData.Int(type, r.u8(type.name()));
                case LONG: return new DlmsData.Int(type, (short) r.u16("long"));
                case LONG_UNSIGNED: return new DlmsData.Int(type, r.u16("long-unsigned"));
                case DOUBLE_LONG: return new DlmsData.Int(type, (int) r.u32("double-long"));
                case DOUBLE_LONG_UNSIGNED: return new DlmsData.Int(type, r.u32("double-long-unsigned"));
                case LONG64: case LONG64_UNSIGNED: return new DlmsData.Int(type, r.s64(type.name()));
                case FLOAT32: return new DlmsData.Floating(type, Float.intBitsToFloat((int) r.u32("float32")));
                case FLOAT64: return new DlmsData.Floating(type, Double.longBitsToDouble(r.s64("float64")));
                case DATE_TIME: case DATE: case TIME:
                    return new DlmsData.Octets(type, r.bytes(type.size(), type.name()));
                case OCTET_STRING:
                    return new DlmsData.Octets(type, r.bytes(r.boundedLength("octet-string", 1), "octet-string"));
                case VISIBLE_STRING:
                    return new DlmsData.Text(type, new String(r.bytes(r.boundedLength("visible-string", 1), "visible-string"),
                            StandardCharsets.US_ASCII));
                case UTF8_STRING:
                    return new DlmsData.Text(type, new String(r.bytes(r.boundedLength("utf8-string", 1), "utf8-string"),
                            StandardCharsets.UTF_8));
                case BIT_STRING: {
                    int bits = r.length("bit-string");
                    int len = (int) ((bits + 7L) / 8);
                    return new DlmsData.Octets(type, r.bytes(len, "bit-string"), bits);
                }
                case ARRAY: case STRUCTURE: {
                    if (depth >= MAX_DEPTH) {
                        throw new DlmsProtocolException("data nested deeper than " + MAX_DEPTH + " levels");
                    }
                    // every element takes at least its tag byte
                    int n = r.boundedLength(type.name().toLowerCase(), 1);
                    List<DlmsData> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(tagged(r, depth + 1));
                    }
                    return new DlmsData.Sequence(type, items);
                }
                default:
                    throw new DlmsProtocolException("unexpected data type " + type);
            }
        }

        /** compact-array: a type description, then the untagged contents as one octet-string. */
        private DlmsData compactArray(ByteReader r, int depth) throws DlmsProtocolException {
            TypeDescription description = typeDescription(r, depth);
            int len = r.boundedLength("compact-array contents", 1);
            ByteReader contents = new ByteReader(r.bytes(len, "compact-array contents"));
            List<DlmsData> items = new ArrayList<>();
            while (contents.hasRemaining()) {
                int before = contents.remaining();
                items.add(untagged(description, contents, depth + 1));
                if (contents.remaining() == before) {
                    throw new DlmsProtocolException("compact-array element of zero size");
                }
            }
            count(1);
            return DlmsData.array(items);
        }

        private DlmsData untagged(TypeDescription d, ByteReader r, int depth) throws DlmsProtocolException {
            if (depth >= MAX_DEPTH) {
                throw new DlmsProtocolException("data nested deeper than " + MAX_DEPTH + " levels");
            }
            if (d.type == DataType.ARRAY || d.type == DataType.STRUCTURE) {
                List<DlmsData> items = new ArrayList<>();
                for (int i = 0; i < d.elements.size(); i++) {
                    items.add(untagged(d.elements.get(i), r, depth + 1));
                }
                count(1);
                return new DlmsData.Sequence(d.type, items);
            }
            return content(d.type, r, depth);
        }

        private TypeDescription typeDescription(ByteReader r, int depth) throws DlmsProtocolException {
            if (depth >= MAX_DEPTH) {
                throw new DlmsProtocolException("type description nested deeper than " + MAX_DEPTH + " levels");
            }
            int tag = r.u8("type description");
            DataType type = DataType.ofTag(tag);
            if (type == null || type == DataType.COMPACT_ARRAY) {
                throw new DlmsProtocolException("bad type description tag " + tag);
            }
            List<TypeDescription> elements = new ArrayList<>();
            if (type == DataType.ARRAY) {
                int n = r.u16("compact array element count");
                count(n);
                TypeDescription element = typeDescription(r, depth + 1);
                for (int i = 0; i < n; i++) {
                    elements.add(element);
                }
            } else if (type == DataType.STRUCTURE) {
                int n = r.boundedLength("compact structure element count", 1);
                for (int i = 0; i < n; i++) {
                    elements.add(typeDescription(r, depth + 1));
                }
            }
            return new TypeDescription(type, elements);
        }
    }

    private record TypeDescription(DataType type, List<TypeDescription> elements) {
    }
}
