/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The ACSE association request (AARQ) with its xDLMS InitiateRequest, logical name referencing
 * without ciphering. A password is sent for low-level security; for the high-level mechanisms
 * the same field carries the client's challenge (not implemented by the client yet).
 *
 * @param authentication the mechanism
 * @param secret password (LOW) or challenge (HIGH*), null for NONE
 * @param conformance proposed conformance bits ({@link Conformance})
 * @param maxReceivePduSize the largest APDU the client accepts
 */
public record Aarq(Authentication authentication, byte @Nullable [] secret, int conformance, int maxReceivePduSize) {

    /** Application context "logical name referencing, no ciphering" 2.16.756.5.8.1.1. */
    static final byte[] CONTEXT_LN = {0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x01, 0x01};
    /** Prefix of the authentication mechanism names 2.16.756.5.8.2.x. */
    static final byte[] MECHANISM_PREFIX = {0x60, (byte) 0x85, 0x74, 0x05, 0x08, 0x02};

    public static final int TAG = 0x60;

    public Aarq {
        secret = secret == null ? null : secret.clone();
    }

    @Override
    public byte[] secret() { return secret == null ? null : secret.clone(); }

    public byte[] encode() {
        ByteWriter body = new ByteWriter();
        body.u8(0xA1).u8(9).u8(0x06).u8(7).bytes(CONTEXT_LN);
        if (authentication != Authentication.NONE) {
            body.u8(0x8A).u8(2).u8(0x07).u8(0x80);
            body.u8(0x8B).u8(7).bytes(MECHANISM_PREFIX).u8(authentication.id());
            byte[] s = secret == null ? new byte[0] : secret;
            body.u8(0xAC).length(s.length + 2).u8(0x80).length(s.length).bytes(s);
        }
        ByteWriter initiate = new ByteWriter();
        initiate.u8(0x01).u8(0).u8(0).u8(0).u8(6);
        initiate.u8(0x5F).u8(0x1F).u8(4).u8(0).u8(conformance >> 16).u8(conformance >> 8).u8(conformance);
        initiate.u16(maxReceivePduSize);
        byte[] ini = initiate.toByteArray();
        body.u8(0xBE).length(ini.length + 2).u8(0x04).length(ini.length).bytes(ini);
        byte[] b = body.toByteArray();
        return new ByteWriter().u8(TAG).length(b.length).bytes(b).toByteArray();
    }

    /** Parses an AARQ (server side). Unknown optional fields are skipped. */
    public static Aarq decode(byte[] apdu) throws DlmsProtocolException {
        ByteReader r = new ByteReader(apdu);
        if (r.u8("AARQ tag") != TAG) {
            throw new DlmsProtocolException("not an AARQ (tag 0x" + Integer.toHexString(apdu[0] & 0xFF) + ")");
        }
        int len = r.length("AARQ");
        ByteReader body = new ByteReader(r.bytes(len, "AARQ body"));
        Authentication auth = Authentication.NONE;
        byte[] secret = null;
        int conformance = 0;
        int maxPdu = 0xFFFF;
        boolean context = false;
        boolean initiate = false;
        while (body.hasRemaining()) {
            int tag = body.u8("AARQ field tag");
            byte[] value = body.bytes(body.length("AARQ field"), "AARQ field");
            switch (tag) {
                case 0xA1 -> {
                    if (value.length != 9 || !Arrays.equals(Arrays.copyOfRange(value, 2, 9), CONTEXT_LN)) {
                        throw new DlmsProtocolException("unsupported application context (only LN without ciphering)");
                    }
                    context = true;
                }
                case 0x8B -> {
                    if (value.length != 7 || !Arrays.equals(Arrays.copyOf(value, 6), MECHANISM_PREFIX)) {
                        throw new DlmsProtocolException("unknown authentication mechanism name");
                    }
                    auth = Authentication.ofId(value[6]);
                }
                case 0xAC -> {
                    ByteReader v = new ByteReader(value);
                    v.u8("authentication value choice");
                    secret = v.bytes(v.length("authentication value"), "authentication value");
                }
                case 0xBE -> {
                    ByteReader v = new ByteReader(value);
                    if (v.u8("user-information octet string tag") != 0x04) {
                        throw new DlmsProtocolException("user-information is not an octet string");
                    }
                    ByteReader ini = new ByteReader(v.bytes(v.length("InitiateRequest"), "InitiateRequest"));
                    if (ini.u8("InitiateRequest tag") != 0x01) {
                        throw new DlmsProtocolException("user-information is not an xDLMS InitiateRequest");
                    }
                    if (ini.u8("dedicated key flag") != 0) {
                        ini.skip(ini.length("dedicated key"), "dedicated key");
                    }
                    if (ini.u8("response allowed flag") != 0) {
                        ini.u8("response allowed");
                    }
                    if (ini.u8("quality of service flag") != 0) {
                        ini.u8("quality of service");
                    }
                    int version = ini.u8("DLMS version");
                    if (version < 6) {
                        throw new DlmsProtocolException("DLMS version " + version + " is too low");
                    }
                    if (ini.u16("conformance tag") != 0x5F1F || ini.u8("conformance length") != 4) {
                        throw new DlmsProtocolException("bad conformance block");
                    }
                    ini.u8("unused bits");
                    conformance = (ini.u8("conformance") << 16) | (ini.u8("conformance") << 8) | ini.u8("conformance");
                    maxPdu = ini.u16("max receive PDU size");
                    initiate = true;
                }
                default -> { } // acse-requirements, AP titles: not needed for LN without ciphering
            }
        }
        if (!context || !initiate) {
            throw new DlmsProtocolException("AARQ without " + (context ? "InitiateRequest" : "application context"));
        }
        return new Aarq(auth, secret, conformance, maxPdu);
    }
}
