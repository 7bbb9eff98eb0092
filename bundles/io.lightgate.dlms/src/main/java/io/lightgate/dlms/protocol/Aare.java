/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/**
 * The ACSE association response (AARE) with its xDLMS InitiateResponse (or the
 * ConfirmedServiceError that says why the server refused the InitiateRequest).
 *
 * @param result 0 accepted, 1 rejected-permanent, 2 rejected-transient
 * @param diagnostic acse-service-user diagnostic: 0 null, 1 no reason, 2 context not supported,
 *        11 mechanism not recognised, 12 mechanism required, 13 authentication failure,
 *        14 authentication required
 * @param conformance negotiated conformance bits
 * @param maxPduSize the largest APDU the server accepts
 * @param initiateError the ConfirmedServiceError's initiate error code, or -1
 */
public record Aare(int result, int diagnostic, int conformance, int maxPduSize, int initiateError) {

    public static final int TAG = 0x61;
    public static final int AUTHENTICATION_FAILURE = 13;

    public boolean accepted() { return result == 0; }

    /** Why the association was refused, in words. */
    public String reason() {
        String d = switch (diagnostic) {
            case 0 -> "no diagnostic";
            case 1 -> "no reason given";
            case 2 -> "application context not supported";
            case 11 -> "authentication mechanism not recognised";
            case 12 -> "authentication mechanism required";
            case 13 -> "authentication failure (wrong password?)";
            case 14 -> "authentication required";
            default -> "diagnostic " + diagnostic;
        };
        return initiateError >= 0 ? d + ", initiate error " + initiateError : d;
    }

    public byte[] encode() {
        ByteWriter body = new ByteWriter();
        body.u8(0xA1).u8(9).u8(0x06).u8(7).bytes(Aarq.CONTEXT_LN);
        body.u8(0xA2).u8(3).u8(0x02).u8(1).u8(result);
        body.u8(0xA3).u8(5).u8(0xA1).u8(3).u8(0x02).u8(1).u8(diagnostic);
        ByteWriter user = new ByteWriter();
        if (initiateError >= 0) {
            user.u8(0x0E).u8(0x01).u8(0x06).u8(initiateError);
        } else {
            user.u8(0x08).u8(0).u8(6);
            user.u8(0x5F).u8(0x1F).u8(4).u8(0).u8(conformance >> 16).u8(conformance >> 8).u8(conformance);
            user.u16(maxPduSize).u16(0x0007);
        }
        byte[] u = user.toByteArray();
        body.u8(0xBE).length(u.length + 2).u8(0x04).length(u.length).bytes(u);
        byte[] b = body.toByteArray();
        return new ByteWriter().u8(TAG).length(b.length).bytes(b).toByteArray();
    }

    public static Aare decode(byte[] apdu) throws DlmsProtocolException {
        ByteReader r = new ByteReader(apdu);
        int tag = r.u8("AARE tag");
        if (tag != TAG) {
            throw new DlmsProtocolException("expected an AARE (0x61), got tag 0x" + Integer.toHexString(tag));
        }
        ByteReader body = new ByteReader(r.bytes(r.length("AARE"), "AARE body"));
        int result = -1, diagnostic = 0, conformance = 0, maxPdu = 0, initiateError = -1;
        while (body.hasRemaining()) {
            int t = body.u8("AARE field tag");
            ByteReader v = new ByteReader(body.bytes(body.length("AARE field"), "AARE field"));
            switch (t) {
                case 0xA2 -> {
                    v.u8("result tag");
                    v.u8("result length");
                    result = v.u8("result");
                }
                case 0xA3 -> {
                    v.u8("diagnostic source");
                    v.u8("diagnostic source length");
                    v.u8("diagnostic tag");
                    v.u8("diagnostic length");
                    diagnostic = v.u8("diagnostic");
                }
                case 0xBE -> {
                    if (v.u8("user-information octet string tag") != 0x04) {
                        throw new DlmsProtocolException("AARE user-information is not an octet string");
                    }
                    ByteReader u = new ByteReader(v.bytes(v.length("user-information"), "user-information"));
                    int choice = u.u8("user-information choice");
                    if (choice == 0x0E) {
                        u.u8("service error");
                        u.u8("service error kind");
                        initiateError = u.u8("initiate error");
                    } else if (choice == 0x08) {
                        if (u.u8("quality of service flag") != 0) {
                            u.u8("quality of service");
                        }
                        u.u8("DLMS version");
                        if (u.u16("conformance tag") != 0x5F1F || u.u8("conformance length") != 4) {
                            throw new DlmsProtocolException("bad conformance block in AARE");
                        }
                        u.u8("unused bits");
                        conformance = (u.u8("conformance") << 16) | (u.u8("conformance") << 8) | u.u8("conformance");
                        maxPdu = u.u16("server max receive PDU size");
                        u.u16("VAA name");
                    } else if (choice >= 0x20) {
                        throw new DlmsProtocolException("ciphered InitiateResponse (0x" + Integer.toHexString(choice)
                                + ") is not supported yet");
                    } else {
                        throw new DlmsProtocolException("unknown AARE user-information 0x" + Integer.toHexString(choice));
                    }
                }
                default -> { } // context name, responder mechanism, HLS challenge: not used without HLS
            }
        }
        if (result < 0) {
            throw new DlmsProtocolException("AARE without result");
        }
        return new Aare(result, diagnostic, conformance, maxPdu, initiateError);
    }
}
