/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encoded payload and the CoAP Content-Format it is in (the value of the response's
 * Content-Format option).
 *
 * @param contentFormat the CoAP content-format code, e.g. {@link ContentCodec#TLV}
 * @param payload the bytes; the array is the caller's, not copied
 */
public record Encoded(int contentFormat, byte[] payload) {

    public Encoded {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoded e && e.contentFormat == contentFormat && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * contentFormat + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Encoded[" + contentFormat + ", " + payload.length + " bytes]";
    }
}
