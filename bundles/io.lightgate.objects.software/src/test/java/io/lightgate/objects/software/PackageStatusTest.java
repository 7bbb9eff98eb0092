/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import org.junit.Test;

/** The package installation state machine of object 9 and the Update Result of each step. */
public class PackageStatusTest {

    private static final PackageStatus NEW = PackageStatus.initial("heap", "1.0");

    private static PackageStatus delivered() {
        return NEW.downloadStarted().downloaded().delivered("com.example.heap", "1.0.0");
    }

    @Test
    public void aNewInstanceIsInitialWithResultZero() {
        assertEquals(0, NEW.state().code());
        assertEquals(0, NEW.result().code());
        assertEquals("heap", NEW.name());
    }

    @Test
    public void aDeliveryGoesThroughDownloadStartedAndDownloadedToDeliveredWithResult3() {
        PackageStatus started = NEW.downloadStarted();
        assertEquals(1, started.state().code());
        assertEquals(1, started.result().code());
        PackageStatus downloaded = started.downloaded();
        assertEquals(2, downloaded.state().code());
        PackageStatus delivered = downloaded.delivered("com.example.heap", "1.0.0");
        assertEquals(3, delivered.state().code());
        assertEquals(3, delivered.result().code());
        assertEquals("the name and version of the bundle", "com.example.heap", delivered.name());
        assertEquals("1.0.0", delivered.version());
    }

    @Test
    public void aFailedDeliveryReturnsToInitialWithItsResultAndReason() {
        PackageStatus refused = NEW.downloadStarted().downloaded()
                .deliveryFailed(new PackageRejected(UpdateResult.UNSUPPORTED_PACKAGE_TYPE, "not a jar"));
        assertEquals(UpdateState.INITIAL, refused.state());
        assertEquals(54, refused.result().code());
        assertEquals("not a jar", refused.reason());
        PackageStatus lost = NEW.downloadStarted().deliveryFailed(new PackageRejected(UpdateResult.CONNECTION_LOST, "timeout"));
        assertEquals(52, lost.result().code());
        assertEquals("a refused delivery may be followed by a new one", 1, lost.downloadStarted().state().code());
    }

    @Test
    public void installIsOnlyPossibleWhenDeliveredAndEndsInstalledWithResult2() {
        PackageStatus installed = delivered().installed();
        assertEquals(4, installed.state().code());
        assertEquals(2, installed.result().code());
        assertBadRequest(() -> NEW.installed(), "Update State 0");
        assertBadRequest(() -> installed.installed(), "installed already");
    }

    @Test
    public void uninstallForUpdateEndsInitialWithResult0AndKeepsNamingTheSoftware() {
        PackageStatus installed = delivered().installed();
        PackageStatus forUpdate = installed.uninstalledForUpdate();
        assertEquals(UpdateState.INITIAL, forUpdate.state());
        assertEquals(UpdateResult.INITIAL, forUpdate.result());
        assertEquals(installed.name(), forUpdate.name());
        assertEquals(installed.version(), forUpdate.version());
        assertTrue(forUpdate.reason(), forUpdate.reason().contains("uninstalled for an update of " + installed.name()));
        // ready for the new version: a delivery may start
        assertEquals(UpdateState.DOWNLOAD_STARTED, forUpdate.downloadStarted().state());
        assertThrows(io.lightgate.api.LwM2mException.class, () -> delivered().uninstalledForUpdate());
    }

    @Test
    public void aFailedInstallStaysDeliveredWithResult58() {
        PackageStatus failed = delivered().installFailed("missing requirement");
        assertEquals(UpdateState.DELIVERED, failed.state());
        assertEquals(58, failed.result().code());
        assertEquals("missing requirement", failed.reason());
        assertEquals("Install can be tried again", 4, failed.installed().state().code());
    }

    @Test
    public void uninstallResetsToInitialAndZeroAndAFailedOneReports59() {
        PackageStatus installed = delivered().installed();
        PackageStatus removed = installed.uninstalled();
        assertEquals(UpdateState.INITIAL, removed.state());
        assertEquals(0, removed.result().code());
        PackageStatus failed = installed.uninstallFailed("in use");
        assertEquals(UpdateState.INSTALLED, failed.state());
        assertEquals(59, failed.result().code());
        assertBadRequest(() -> delivered().uninstalled(), "install a package first");
    }

    @Test
    public void noDeliveryWhileInstalledOrWhileAnotherOneIsUnderWay() {
        assertBadRequest(() -> delivered().installed().downloadStarted(), "Uninstall");
        assertBadRequest(() -> NEW.downloadStarted().downloadStarted(), "download");
        assertEquals("a delivered package may be replaced", 1, delivered().downloadStarted().state().code());
    }

    @Test
    public void activationNeedsAnInstalledPackage() {
        assertBadRequest(() -> delivered().requireInstalled("activate"), "cannot activate in Update State 3");
        delivered().installed().requireInstalled("activate");
    }

    @Test
    public void resetDropsADeliveredPackage() {
        PackageStatus reset = delivered().reset();
        assertEquals(UpdateState.INITIAL, reset.state());
        assertEquals(0, reset.result().code());
        assertBadRequest(() -> delivered().installed().reset(), "Uninstall");
    }

    private static void assertBadRequest(Runnable step, String hint) {
        LwM2mException e = assertThrows(LwM2mException.class, step::run);
        assertEquals(ResponseCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains(hint));
    }
}
