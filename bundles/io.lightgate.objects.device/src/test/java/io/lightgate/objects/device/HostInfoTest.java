/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

public class HostInfoTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void serialNumberIsAStableHashOfTheMachineId() throws Exception {
        Path id = tmp.newFile("machine-id").toPath();
        Files.writeString(id, "0123456789abcdef0123456789abcdef\n");
        String serial = HostInfo.serialNumber(id, () -> "host");
        assertTrue(serial, serial.matches("[0-9A-F]{32}"));
        assertFalse("the machine id itself does not leave the host", serial.equalsIgnoreCase("0123456789abcdef0123456789abcdef"));
        assertEquals(serial, HostInfo.serialNumber(id, () -> "host"));

        Files.writeString(id, "fedcba9876543210fedcba9876543210\n");
        assertNotEquals(serial, HostInfo.serialNumber(id, () -> "host"));
    }

    @Test
    public void serialNumberFallsBackToTheHostName() throws Exception {
        assertEquals("gw-7", HostInfo.serialNumber(tmp.getRoot().toPath().resolve("absent"), () -> "gw-7"));
        Path empty = tmp.newFile("empty").toPath();
        assertEquals("gw-7", HostInfo.serialNumber(empty, () -> "gw-7"));
    }

    @Test
    public void firmwareVersionNamesReleaseAndFramework() {
        Bundle system = Fakes.bundle("org.apache.felix.framework", "7.0.5", "Apache Felix Framework", () -> { });
        Bundle self = Fakes.bundle("io.lightgate.objects.device", "0.1.0", "Device", () -> { });
        assertEquals("Lightgate 0.1.0 (Apache Felix Framework 7.0.5)", HostInfo.firmwareVersion(Optional.empty(), null, self, system));
        assertEquals("Lightgate 1.2.0 (Apache Felix Framework 7.0.5)", HostInfo.firmwareVersion(Optional.empty(), "1.2.0", self, system));
    }

    @Test
    public void firmwareVersionIsTheRunningGatewayImagesVersion() throws Exception {
        Bundle system = Fakes.bundle("org.apache.felix.framework", "7.0.5", "Apache Felix Framework", () -> { });
        Bundle self = Fakes.bundle("io.lightgate.objects.device", "0.1.0", "Device", () -> { });
        Path image = jar("gateway.jar", "aQute.launcher.pre.EmbeddedLauncher", "Lightgate gateway", "0.3.0-rc1");
        Optional<String> version = HostInfo.imageVersion(image.toString());
        assertEquals(Optional.of("0.3.0-rc1"), version);
        assertEquals("the image's version, not a bundle's", "0.3.0-rc1", HostInfo.firmwareVersion(version, "1.2.0", self, system));
    }

    @Test
    public void onlyAGatewayImageOnItsOwnHasAnImageVersion() throws Exception {
        Path other = jar("other.jar", "com.example.Main", "Lightgate gateway", "0.3.0");
        Path unnamed = jar("unnamed.jar", "aQute.launcher.pre.EmbeddedLauncher", null, "0.3.0");
        Path image = jar("gateway.jar", "aQute.launcher.pre.EmbeddedLauncher", "Lightgate gateway", "0.3.0");
        assertEquals(Optional.empty(), HostInfo.imageVersion(other.toString()));
        assertEquals(Optional.empty(), HostInfo.imageVersion(unnamed.toString()));
        assertEquals("a class path of several entries", Optional.empty(),
                HostInfo.imageVersion(image + java.io.File.pathSeparator + other));
        assertEquals(Optional.empty(), HostInfo.imageVersion(tmp.getRoot().toPath().resolve("missing.jar").toString()));
        assertEquals(Optional.empty(), HostInfo.imageVersion(null));
    }

    private Path jar(String name, String mainClass, String imageName, String imageVersion) throws Exception {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(java.util.jar.Attributes.Name.MAIN_CLASS, mainClass);
        if (imageName != null) {
            main.putValue("Lightgate-Image-Name", imageName);
        }
        main.putValue("Lightgate-Image-Version", imageVersion);
        Path file = tmp.getRoot().toPath().resolve(name);
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new java.util.zip.ZipEntry("launcher.properties"));
            out.closeEntry();
        }
        return file;
    }

    @Test
    public void formatsVersionsTheMavenWay() {
        assertEquals("0.1.0-SNAPSHOT", HostInfo.format(new Version(0, 1, 0, "SNAPSHOT")));
        assertEquals("7.0.5", HostInfo.format(new Version(7, 0, 5)));
    }
}
