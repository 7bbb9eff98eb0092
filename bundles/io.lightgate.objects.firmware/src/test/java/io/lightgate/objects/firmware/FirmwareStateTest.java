/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.util.Properties;
import org.junit.Test;

public class FirmwareStateTest {

    private static final Instant T = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    public void aPackageGoesFromIdleThroughDownloadingAndDownloadedToUpdating() {
        FirmwareState s = FirmwareState.initial(T).downloading("", T);
        assertEquals(FirmwareState.DOWNLOADING, s.state());
        s = s.downloaded("Lightgate gateway", "0.2.0", T);
        assertEquals(FirmwareState.DOWNLOADED, s.state());
        assertEquals(FirmwareState.RESULT_INITIAL, s.result());
        assertEquals("0.2.0", s.packageVersion());
        s = s.updating(T);
        assertEquals(FirmwareState.UPDATING, s.state());
        s = s.confirmed("Lightgate gateway", "0.2.0", T);
        assertEquals(FirmwareState.IDLE, s.state());
        assertEquals(FirmwareState.RESULT_SUCCESS, s.result());
    }

    @Test
    public void updateIsOnlyAllowedWhenDownloaded() {
        assertThrows(IllegalStateException.class, () -> FirmwareState.initial(T).updating(T));
        assertThrows(IllegalStateException.class, () -> FirmwareState.initial(T).downloading("", T).updating(T));
    }

    @Test
    public void noNewPackageWhileDownloadingOrUpdating() {
        FirmwareState downloading = FirmwareState.initial(T).downloading("http://h/a.jar", T);
        assertThrows(IllegalStateException.class, () -> downloading.downloading("", T));
        FirmwareState updating = downloading.downloaded("n", "v", T).updating(T);
        assertThrows(IllegalStateException.class, () -> updating.downloading("", T));
        assertThrows(IllegalStateException.class, () -> updating.reset(T));
    }

    @Test
    public void aNewPackageReplacesADownloadedOneAndResetsTheResult() {
        FirmwareState failed = FirmwareState.initial(T).downloading("", T).downloadFailed(FirmwareState.RESULT_UNSUPPORTED_TYPE, T);
        assertEquals(FirmwareState.IDLE, failed.state());
        assertEquals(FirmwareState.RESULT_UNSUPPORTED_TYPE, failed.result());
        FirmwareState again = failed.downloading("", T);
        assertEquals(FirmwareState.RESULT_INITIAL, again.result());
        FirmwareState replaced = again.downloaded("n", "1", T).downloading("", T);
        assertEquals(FirmwareState.DOWNLOADING, replaced.state());
        assertEquals("", replaced.packageVersion());
    }

    @Test
    public void resetGoesBackToIdleWithResultZero() {
        FirmwareState s = FirmwareState.initial(T).downloading("http://h/a.jar", T).downloaded("n", "v", T).reset(T);
        assertEquals(FirmwareState.IDLE, s.state());
        assertEquals(FirmwareState.RESULT_INITIAL, s.result());
        assertEquals("", s.packageUri());
    }

    @Test
    public void failuresAreTheCodesObject5Defines() {
        FirmwareState downloading = FirmwareState.initial(T).downloading("", T);
        assertThrows(IllegalArgumentException.class, () -> downloading.downloadFailed(FirmwareState.RESULT_SUCCESS, T));
        assertThrows(IllegalArgumentException.class, () -> downloading.downloadFailed(10, T));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareState(4, 0, "", "", "", T));
    }

    @Test
    public void survivesARoundTripThroughProperties() {
        FirmwareState s = FirmwareState.initial(T).downloading("https://h/gw.jar", T).downloaded("Lightgate gateway", "0.2.0", T).updating(T);
        assertEquals(s, FirmwareState.fromProperties(s.toProperties()));
    }

    @Test
    public void damagedPropertiesSayWhatDoesNotParse() {
        Properties p = new Properties();
        p.setProperty("state", "three");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirmwareState.fromProperties(p));
        assertEquals(true, e.getMessage().contains("three"));
    }
}
