/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.Arrays;
import java.util.Objects;

/**
 * A PSK identity and its key, for one endpoint talking to one server. {@link #toString()}
 * shows the identity only.
 */
final class PskCredential {

    private final String identity;
    private final byte[] key;

    PskCredential(String identity, byte[] key) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.key = key.clone();
    }

    String identity() {
        return identity;
    }

    /** A copy of the key. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PskCredential other && identity.equals(other.identity) && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * identity.hashCode() + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PSK identity '" + identity + "'";
    }
}
