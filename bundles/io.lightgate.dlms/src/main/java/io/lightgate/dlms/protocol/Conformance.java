/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/**
 * xDLMS conformance block bits (24-bit BIT STRING; bit 0 is the most significant bit of the
 * first byte on the wire, so each constant is the bit's mask in the 24-bit big-endian value).
 */
public final class Conformance {

    public static final int GENERAL_PROTECTION = 1 << (23 - 1);
    public static final int GENERAL_BLOCK_TRANSFER = 1 << (23 - 2);
    public static final int ATTRIBUTE0_SET = 1 << (23 - 8);
    public static final int PRIORITY_MGMT = 1 << (23 - 9);
    public static final int ATTRIBUTE0_GET = 1 << (23 - 10);
    public static final int BLOCK_TRANSFER_GET = 1 << (23 - 11);
    public static final int BLOCK_TRANSFER_SET = 1 << (23 - 12);
    public static final int BLOCK_TRANSFER_ACTION = 1 << (23 - 13);
    public static final int MULTIPLE_REFERENCES = 1 << (23 - 14);
    public static final int DATA_NOTIFICATION = 1 << (23 - 16);
    public static final int ACCESS = 1 << (23 - 17);
    public static final int GET = 1 << (23 - 19);
    public static final int SET = 1 << (23 - 20);
    public static final int SELECTIVE_ACCESS = 1 << (23 - 21);
    public static final int EVENT_NOTIFICATION = 1 << (23 - 22);
    public static final int ACTION = 1 << (23 - 23);

    /** What this client proposes: GET/SET/ACTION, selective access, block transfer with GET, with-list. */
    public static final int CLIENT_PROPOSAL = GET | SET | ACTION | SELECTIVE_ACCESS | BLOCK_TRANSFER_GET
            | MULTIPLE_REFERENCES | PRIORITY_MGMT | ATTRIBUTE0_GET;

    private Conformance() {
    }
}
