/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import org.osgi.framework.Bundle;

/**
 * A server-created instance: its status, its bundle once installed, and whether the server wants
 * that bundle running. Changed only on the object's worker thread; read from any thread.
 */
final class ManagedPackage {

    final int id;
    volatile PackageStatus status;
    volatile Bundle bundle;
    volatile boolean wantsActive;
    /** After Uninstall with "ForUpdate" (argument 1): the software the next package must update, else null. */
    volatile String updateOf;
    /** User Name and Password (9/x/14, 9/x/15) for the next pull over http(s); kept in memory only. */
    volatile String user = "";
    volatile String password = "";

    ManagedPackage(int id, PackageStatus status, boolean wantsActive) {
        this.id = id;
        this.status = status;
        this.wantsActive = wantsActive;
    }

    boolean isActive() {
        Bundle b = bundle;
        return b != null && b.getState() == Bundle.ACTIVE;
    }
}
