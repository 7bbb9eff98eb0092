/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

/**
 * An LwM2M operation of a management server, with the access right it needs (Core 1.1 §7.3,
 * ACL resource 2/x/2: "1st LSB: R (Read, Observe, Write-Attributes) 2nd LSB: W (Write) 3rd LSB: E
 * (Execute) 4th LSB: D (Delete) 5th LSB: C (Create)"; LwM2M 1.0 lists Discover under R too).
 */
public enum Operation {
    READ("Read", AccessRights.READ),
    OBSERVE("Observe", AccessRights.READ),
    DISCOVER("Discover", AccessRights.READ),
    WRITE_ATTRIBUTES("Write-Attributes", AccessRights.READ),
    WRITE("Write", AccessRights.WRITE),
    EXECUTE("Execute", AccessRights.EXECUTE),
    DELETE("Delete", AccessRights.DELETE),
    CREATE("Create", AccessRights.CREATE);

    private final String text;
    private final int right;

    Operation(String text, int right) {
        this.text = text;
        this.right = right;
    }

    /** The bit of the ACL value this operation needs. */
    public int right() {
        return right;
    }

    /** Whether it only reads (Read, Observe, Discover, Write-Attributes all need R). */
    public boolean readsOnly() {
        return right == AccessRights.READ;
    }

    @Override
    public String toString() {
        return text;
    }
}
