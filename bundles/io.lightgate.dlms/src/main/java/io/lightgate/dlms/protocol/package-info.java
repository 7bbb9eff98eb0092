/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The DLMS/COSEM protocol as bytes: A-XDR data, OBIS codes, HDLC (IEC 62056-46) and WRAPPER
 * (IEC 62056-47) framing, and the xDLMS/ACSE APDUs a logical-name client and server exchange.
 * Everything here is pure (no I/O) and bounded: decoders refuse lengths beyond the bytes at
 * hand and nesting beyond a fixed depth, so a malformed frame costs no more memory than its size.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.dlms.protocol;
