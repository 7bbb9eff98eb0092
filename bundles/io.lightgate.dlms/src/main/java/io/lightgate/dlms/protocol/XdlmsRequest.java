/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The xDLMS requests of a logical-name client (Green Book 9.3): GET normal/next/with-list,
 * SET normal, ACTION normal, and the ACSE release request. {@code invoke} is the
 * invoke-id-and-priority byte, echoed by the server.
 */
public sealed interface XdlmsRequest {

    int GET = 0xC0, SET = 0xC1, ACTION = 0xC3, RLRQ = 0x62;

    byte[] encode();

    record Get(int invoke, AttributeAddress attribute) implements XdlmsRequest {
        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(GET).u8(1).u8(invoke);
            attribute.encode(w, true);
            return w.toByteArray();
        }
    }

    record GetNext(int invoke, long blockNumber) implements XdlmsRequest {
        @Override
        public byte[] encode() {
            return new ByteWriter().u8(GET).u8(2).u8(invoke).u32(blockNumber).toByteArray();
        }
    }

    record GetWithList(int invoke, List<AttributeAddress> attributes) implements XdlmsRequest {
        public GetWithList {
            attributes = List.copyOf(attributes);
        }

        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(GET).u8(3).u8(invoke).length(attributes.size());
            for (AttributeAddress a : attributes) {
                a.encode(w, true);
            }
            return w.toByteArray();
        }
    }

    record Set(int invoke, AttributeAddress attribute, DlmsData value) implements XdlmsRequest {
        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(SET).u8(1).u8(invoke);
            attribute.encode(w, true);
            Axdr.encode(value, w);
            return w.toByteArray();
        }
    }

    /** An ACTION; {@code parameters} null means none. */
    record Action(int invoke, AttributeAddress method, @Nullable DlmsData parameters) implements XdlmsRequest {
        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(ACTION).u8(1).u8(invoke);
            method.encode(w, false);
            if (parameters == null) {
                w.u8(0);
            } else {
                w.u8(1);
                Axdr.encode(parameters, w);
            }
            return w.toByteArray();
        }
    }

    /** RLRQ with reason normal. */
    record Release() implements XdlmsRequest {
        @Override
        public byte[] encode() {
            return new byte[] {(byte) RLRQ, 0x03, (byte) 0x80, 0x01, 0x00};
        }
    }

    /** Parses a request (server side); unsupported services fail with a message naming them. */
    static XdlmsRequest decode(byte[] apdu) throws DlmsProtocolException {
        ByteReader r = new ByteReader(apdu);
        int tag = r.u8("APDU tag");
        if (tag == RLRQ) {
            return new Release();
        }
        int kind = r.u8("request type");
        int invoke = r.u8("invoke-id-and-priority");
        XdlmsRequest request = switch (tag) {
            case GET -> switch (kind) {
                case 1 -> new Get(invoke, AttributeAddress.decode(r, true));
                case 2 -> new GetNext(invoke, r.u32("block number"));
                case 3 -> {
                    int n = r.boundedLength("attribute list", 10);
                    List<AttributeAddress> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(AttributeAddress.decode(r, true));
                    }
                    yield new GetWithList(invoke, list);
                }
                default -> throw new DlmsProtocolException("GET request type " + kind + " is not supported");
            };
            case SET -> {
                if (kind != 1) {
                    throw new DlmsProtocolException("SET request type " + kind + " is not supported");
                }
                yield new Set(invoke, AttributeAddress.decode(r, true), Axdr.decode(r));
            }
            case ACTION -> {
                if (kind != 1) {
                    throw new DlmsProtocolException("ACTION request type " + kind + " is not supported");
                }
                AttributeAddress method = AttributeAddress.decode(r, false);
                yield new Action(invoke, method, r.u8("parameters flag") != 0 ? Axdr.decode(r) : null);
            }
            default -> throw new DlmsProtocolException("APDU tag 0x" + Integer.toHexString(tag) + " is not a supported request");
        };
        if (r.hasRemaining()) {
            throw new DlmsProtocolException(r.remaining() + " bytes after the request");
        }
        return request;
    }
}
