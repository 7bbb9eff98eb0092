/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

/**
 * A server-created Software Management instance as kept in data/software/.
 *
 * @param instanceId the instance id under /9
 * @param status its status when it was saved
 * @param active whether the server wants its bundle started (the last Activate or Deactivate)
 * @param updateOf after Uninstall with argument 1 (ForUpdate): the symbolic name of the software the
 *        next package must update; empty otherwise
 */
public record StoredPackage(int instanceId, PackageStatus status, boolean active, String updateOf) {

    public StoredPackage {
        updateOf = updateOf == null ? "" : updateOf;
    }

    /** An instance that awaits no update. */
    public StoredPackage(int instanceId, PackageStatus status, boolean active) {
        this(instanceId, status, active, "");
    }
}
