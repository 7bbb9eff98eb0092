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
        assertEquals("Lightgate 0.1.0 (Apache Felix Framework 7.0.5)", HostInfo.firmwareVersion(null, self, system));
        assertEquals("Lightgate 1.2.0 (Apache Felix Framework 7.0.5)", HostInfo.firmwareVersion("1.2.0", self, system));
    }

    @Test
    public void formatsVersionsTheMavenWay() {
        assertEquals("0.1.0-SNAPSHOT", HostInfo.format(new Version(0, 1, 0, "SNAPSHOT")));
        assertEquals("7.0.5", HostInfo.format(new Version(7, 0, 5)));
    }
}
