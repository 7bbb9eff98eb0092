/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The xDLMS responses a logical-name server sends: GET normal/with-datablock/with-list, SET,
 * ACTION, exception response, and the ACSE release response.
 */
public sealed interface XdlmsResponse {

    int GET = 0xC4, SET = 0xC5, ACTION = 0xC7, EXCEPTION = 0xD8, RLRE = 0x63, CONFIRMED_SERVICE_ERROR = 0x0E;

    byte[] encode();

    /** Data or the access error that replaced it. */
    record Result(@Nullable DlmsData data, @Nullable DataAccessResult error) {
        public static Result of(DlmsData data) { return new Result(data, null); }
        public static Result error(DataAccessResult error) { return new Result(null, error); }
        public boolean ok() { return error == null; }

        void encode(ByteWriter w) {
            if (error == null) {
                w.u8(0);
                Axdr.encode(data, w);
            } else {
                w.u8(1).u8(error.code());
            }
        }

        static Result decode(ByteReader r) throws DlmsProtocolException {
            int choice = r.u8("result choice");
            return switch (choice) {
                case 0 -> of(Axdr.decode(r));
                case 1 -> error(DataAccessResult.of(r.u8("data access result")));
                default -> throw new DlmsProtocolException("bad result choice " + choice);
            };
        }
    }

    record Get(int invoke, Result result) implements XdlmsResponse {
        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(GET).u8(1).u8(invoke);
            result.encode(w);
            return w.toByteArray();
        }
    }

    /** One block of a long GET response: raw bytes of the encoded data, or an error. */
    record GetBlock(int invoke, boolean last, long blockNumber, byte @Nullable [] raw, @Nullable DataAccessResult error) implements XdlmsResponse {
        public GetBlock {
            raw = raw == null ? null : raw.clone();
        }

        @Override
        public byte @Nullable [] raw() { return raw == null ? null : raw.clone(); }

        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(GET).u8(2).u8(invoke).u8(last ? 1 : 0).u32(blockNumber);
            if (error == null) {
                w.u8(0).length(raw.length).bytes(raw);
            } else {
                w.u8(1).u8(error.code());
            }
            return w.toByteArray();
        }
    }

    record GetList(int invoke, List<Result> results) implements XdlmsResponse {
        public GetList {
            results = List.copyOf(results);
        }

        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(GET).u8(3).u8(invoke).length(results.size());
            for (Result r : results) {
                r.encode(w);
            }
            return w.toByteArray();
        }
    }

    record Set(int invoke, DataAccessResult result) implements XdlmsResponse {
        @Override
        public byte[] encode() {
            return new ByteWriter().u8(SET).u8(1).u8(invoke).u8(result.code()).toByteArray();
        }
    }

    /** ACTION response; {@code returned} null when the method returns nothing. */
    record Action(int invoke, DataAccessResult result, @Nullable Result returned) implements XdlmsResponse {
        @Override
        public byte[] encode() {
            ByteWriter w = new ByteWriter().u8(ACTION).u8(1).u8(invoke).u8(result.code());
            if (returned == null) {
                w.u8(0);
            } else {
                w.u8(1);
                returned.encode(w);
            }
            return w.toByteArray();
        }
    }

    /** The server could not process the request at all (state or service error). */
    record Exception(int stateError, int serviceError) implements XdlmsResponse {
        @Override
        public byte[] encode() {
            return new byte[] {(byte) EXCEPTION, (byte) stateError, (byte) serviceError};
        }
    }

    /** A ConfirmedServiceError (e.g. to a service the server does not support). */
    record ServiceError(int service, int kind, int code) implements XdlmsResponse {
        @Override
        public byte[] encode() {
            return new byte[] {(byte) CONFIRMED_SERVICE_ERROR, (byte) service, (byte) kind, (byte) code};
        }
    }

    record Release() implements XdlmsResponse {
        @Override
        public byte[] encode() {
            return new byte[] {(byte) RLRE, 0x03, (byte) 0x80, 0x01, 0x00};
        }
    }

    /** Parses a response (client side). */
    static XdlmsResponse decode(byte[] apdu) throws DlmsProtocolException {
        ByteReader r = new ByteReader(apdu);
        int tag = r.u8("APDU tag");
        switch (tag) {
            case RLRE:
                return new Release();
            case EXCEPTION:
                return new Exception(r.u8("state error"), r.u8("service error"));
            case CONFIRMED_SERVICE_ERROR:
                return new ServiceError(r.u8("service"), r.u8("error kind"), r.u8("error code"));
            default:
                break;
        }
        int kind = r.u8("response type");
        int invoke = r.u8("invoke-id-and-priority");
        XdlmsResponse response;
        switch (tag) {
            case GET -> {
                switch (kind) {
                    case 1 -> response = new Get(invoke, Result.decode(r));
                    case 2 -> {
                        boolean last = r.u8("last block") != 0;
                        long block = r.u32("block number");
                        int choice = r.u8("block result choice");
                        if (choice == 0) {
                            response = new GetBlock(invoke, last, block, r.bytes(r.boundedLength("raw data", 1), "raw data"), null);
                        } else if (choice == 1) {
                            response = new GetBlock(invoke, last, block, null, DataAccessResult.of(r.u8("data access result")));
                        } else {
                            throw new DlmsProtocolException("bad block result choice " + choice);
                        }
                    }
                    case 3 -> {
                        int n = r.boundedLength("result list", 2);
                        List<Result> results = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            results.add(Result.decode(r));
                        }
                        response = new GetList(invoke, results);
                    }
                    default -> throw new DlmsProtocolException("GET response type " + kind + " is not supported");
                }
            }
            case SET -> {
                if (kind != 1) {
                    throw new DlmsProtocolException("SET response type " + kind + " is not supported");
                }
                response = new Set(invoke, DataAccessResult.of(r.u8("set result")));
            }
            case ACTION -> {
                if (kind != 1) {
                    throw new DlmsProtocolException("ACTION response type " + kind + " is not supported");
                }
                DataAccessResult result = DataAccessResult.of(r.u8("action result"));
                Result returned = r.hasRemaining() && r.u8("return parameters flag") != 0 ? Result.decode(r) : null;
                response = new Action(invoke, result, returned);
            }
            default -> throw new DlmsProtocolException("APDU tag 0x" + Integer.toHexString(tag) + " is not a response this client expects");
        }
        if (r.hasRemaining()) {
            throw new DlmsProtocolException(r.remaining() + " bytes after the response");
        }
        return response;
    }
}
