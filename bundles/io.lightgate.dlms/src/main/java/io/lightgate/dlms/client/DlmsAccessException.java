/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DataAccessResult;

/** The meter answered, but refused the access: object undefined, read denied, ... */
public class DlmsAccessException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DataAccessResult result;

    public DlmsAccessException(String what, DataAccessResult result) {
        super(what + ": " + result.name().toLowerCase().replace('_', '-'));
        this.result = result;
    }

    public DataAccessResult result() { return result; }
}
