/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GatewayImageTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file(byte[] bytes) throws IOException {
        Path p = tmp.newFile().toPath();
        Files.write(p, bytes);
        return p;
    }

    private int rejection(byte[] bytes) throws IOException {
        Path p = file(bytes);
        return assertThrows(GatewayImage.Rejected.class, () -> GatewayImage.verify(p)).result();
    }

    @Test
    public void aGatewayImageIsAcceptedWithItsNameAndVersion() throws Exception {
        GatewayImage image = GatewayImage.verify(file(TestImages.gatewayImage("0.2.0-test")));
        assertEquals(new GatewayImage("Lightgate gateway", "0.2.0-test"), image);
    }

    @Test
    public void somethingThatIsNoJarIsAnUnsupportedPackageType() throws IOException {
        assertEquals(6, rejection("#!/bin/sh\necho hello\n".getBytes()));
    }

    @Test
    public void aJarWithoutTheGatewayManifestIsAnUnsupportedPackageType() throws IOException {
        assertEquals(6, rejection(TestImages.jar("com.example.Main", null, null, true)));
        assertEquals(6, rejection(TestImages.jar(GatewayImage.LAUNCHER, null, null, true)));
        assertEquals(6, rejection(TestImages.jar("com.example.Main", "Lightgate gateway", "1", true)));
    }

    @Test
    public void aTruncatedImageFailsTheIntegrityCheck() throws IOException {
        byte[] image = TestImages.gatewayImage("1");
        assertEquals(5, rejection(Arrays.copyOf(image, image.length * 2 / 3)));
    }

    @Test
    public void anEntryWhoseChecksumDoesNotMatchFailsTheIntegrityCheck() throws IOException {
        assertEquals(5, rejection(TestImages.withDamagedContent(TestImages.gatewayImage("1"))));
    }

    @Test
    public void anImageWithoutWhatItsLauncherNeedsFailsTheIntegrityCheck() throws IOException {
        Path p = file(TestImages.jar(GatewayImage.LAUNCHER, "Lightgate gateway", "1", false));
        GatewayImage.Rejected e = assertThrows(GatewayImage.Rejected.class, () -> GatewayImage.verify(p));
        assertEquals(5, e.result());
        assertTrue(e.getMessage(), e.getMessage().contains("jar/framework.jar"));
    }

    @Test
    public void theRunningImageIsDescribedFromTheClassPath() throws IOException {
        Path p = tmp.newFile("gateway.jar").toPath();
        Files.write(p, TestImages.gatewayImage("0.3.0"));
        assertEquals("0.3.0", FirmwareUpdateObject.runningImage(p.toString()).orElseThrow().version());
        assertTrue(FirmwareUpdateObject.runningImage("a.jar" + java.io.File.pathSeparator + p).isEmpty());
        assertTrue(FirmwareUpdateObject.runningImage("target/classes").isEmpty());
    }
}
