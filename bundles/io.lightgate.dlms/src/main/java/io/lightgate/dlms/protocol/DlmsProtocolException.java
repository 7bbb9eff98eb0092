/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.protocol;

/** Bytes that are not valid DLMS: a bad checksum, a wrong tag, a length beyond the data. */
public class DlmsProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public DlmsProtocolException(String message) {
        super(message);
    }
}
