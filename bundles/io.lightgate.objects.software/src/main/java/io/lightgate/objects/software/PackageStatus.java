/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import io.lightgate.api.LwM2mException;
import java.util.Objects;
import java.util.Set;

/**
 * What one Software Management instance reports: Package Name and Version (0, 1), Update State
 * (7), Update Result (9) and Status Reason (16). Immutable; each step of the package installation
 * state machine (LwM2M Software Management, 5.1.2) is a method that answers the next status or
 * refuses the step with a 4.00 naming the current state, so a server learns what to do first.
 */
public record PackageStatus(String name, String version, UpdateState state, UpdateResult result, String reason) {

    public PackageStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    /** A new instance, before any package: INITIAL, result 0. */
    public static PackageStatus initial(String name, String version) {
        return new PackageStatus(name, version, UpdateState.INITIAL, UpdateResult.INITIAL, "");
    }

    /** A delivery (Write of Package or Package URI) begins: only without an installed or arriving package. */
    public PackageStatus downloadStarted() {
        require("deliver a package", Set.of(UpdateState.INITIAL, UpdateState.DELIVERED),
                state == UpdateState.INSTALLED ? "execute Uninstall (9/x/6) first" : "wait until the current download has ended");
        return new PackageStatus(name, version, UpdateState.DOWNLOAD_STARTED, UpdateResult.DOWNLOADING, "");
    }

    /** All bytes arrived; the package is checked next. */
    public PackageStatus downloaded() {
        require("finish a download", Set.of(UpdateState.DOWNLOAD_STARTED), "");
        return new PackageStatus(name, version, UpdateState.DOWNLOADED, UpdateResult.DOWNLOADING, "");
    }

    /** The package is a valid bundle (and matched its hash): DELIVERED, result 3, named after the bundle. */
    public PackageStatus delivered(String bundleName, String bundleVersion) {
        require("verify a package", Set.of(UpdateState.DOWNLOADED), "");
        return new PackageStatus(bundleName, bundleVersion, UpdateState.DELIVERED, UpdateResult.DOWNLOADED_VERIFIED, "");
    }

    /** Download or verification failed: back to INITIAL with the failure's result, nothing kept. */
    public PackageStatus deliveryFailed(PackageRejected failure) {
        require("fail a delivery", Set.of(UpdateState.DOWNLOAD_STARTED, UpdateState.DOWNLOADED), "");
        return new PackageStatus(name, version, UpdateState.INITIAL, failure.result(), failure.getMessage());
    }

    /** Checks that Install may run now. */
    public void requireInstallable() {
        require("install", Set.of(UpdateState.DELIVERED), state == UpdateState.INSTALLED
                ? "the package is installed already" : "deliver a package first (Write 9/x/2 or 9/x/3)");
    }

    /** Install succeeded: INSTALLED, result 2. */
    public PackageStatus installed() {
        requireInstallable();
        return new PackageStatus(name, version, UpdateState.INSTALLED, UpdateResult.INSTALLED, "");
    }

    /** Install failed: the state stays DELIVERED (as object 9 defines), result 58. */
    public PackageStatus installFailed(String why) {
        requireInstallable();
        return new PackageStatus(name, version, UpdateState.DELIVERED, UpdateResult.INSTALLATION_FAILURE, why);
    }

    /** Checks that Uninstall, Activate or Deactivate may run now. */
    public void requireInstalled(String operation) {
        require(operation, Set.of(UpdateState.INSTALLED), "install a package first");
    }

    /** Uninstall succeeded: INITIAL, result 0 (the object defines this reset). */
    public PackageStatus uninstalled() {
        requireInstalled("uninstall");
        return new PackageStatus(name, version, UpdateState.INITIAL, UpdateResult.INITIAL, "");
    }

    /**
     * Uninstall with argument 1 (ForUpdate) succeeded: INITIAL, result 0, as for a plain Uninstall,
     * but Package Name and Version still name the software in place and Status Reason says that
     * its new version is awaited.
     */
    public PackageStatus uninstalledForUpdate() {
        requireInstalled("uninstall");
        return new PackageStatus(name, version, UpdateState.INITIAL, UpdateResult.INITIAL, "uninstalled for an update of " + name + " "
                + version + ": deliver its new version to Package (9/x/2) or Package URI (9/x/3), then execute Install (9/x/4)");
    }

    /** Uninstall failed: still INSTALLED, result 59. */
    public PackageStatus uninstallFailed(String why) {
        requireInstalled("uninstall");
        return new PackageStatus(name, version, UpdateState.INSTALLED, UpdateResult.UNINSTALLATION_FAILURE, why);
    }

    /** Activate or Deactivate failed: the state is unchanged, the reason is reported in 16. */
    public PackageStatus withReason(String why) {
        return new PackageStatus(name, version, state, result, why);
    }

    /** An empty Write to Package or Package URI: the delivered package is dropped, INITIAL, result 0. */
    public PackageStatus reset() {
        require("drop the package", Set.of(UpdateState.INITIAL, UpdateState.DELIVERED),
                state == UpdateState.INSTALLED ? "execute Uninstall (9/x/6) first" : "wait until the current download has ended");
        return new PackageStatus(name, version, UpdateState.INITIAL, UpdateResult.INITIAL, "");
    }

    private void require(String operation, Set<UpdateState> allowed, String hint) {
        if (!allowed.contains(state)) {
            throw LwM2mException.badRequest("cannot " + operation + " in Update State " + state.code() + " (" + state + ")"
                    + (hint.isEmpty() ? "" : ": " + hint));
        }
    }
}
