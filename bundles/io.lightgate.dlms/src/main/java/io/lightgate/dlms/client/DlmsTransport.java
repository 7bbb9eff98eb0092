/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DlmsProtocolException;
import java.io.Closeable;
import java.io.IOException;

/** Carries whole APDUs to a meter and back (WRAPPER or HDLC). One request at a time. */
interface DlmsTransport extends Closeable {

    /** Sends one APDU and returns the meter's answer, reassembled from however many frames. */
    byte[] exchange(byte[] apdu) throws IOException, DlmsProtocolException;

    /** Ends the link (HDLC DISC) and closes the socket; never throws. */
    @Override
    void close();
}
