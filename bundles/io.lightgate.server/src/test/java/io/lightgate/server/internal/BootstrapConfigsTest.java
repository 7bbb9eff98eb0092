/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.server.api.BootstrapEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.junit.Test;

public class BootstrapConfigsTest {

    @Test
    public void writesOneServerAccountAndKeepsTheBootstrapAccount() {
        BootstrapConfig config = BootstrapConfigs.toLeshan(new BootstrapEntry("dev-1", "coaps://10.0.0.5:5684", 7, 120, "UQ", "PSK", "dev-1-id", "00ff"));
        assertEquals(List.of("/0", "/1"), config.toDelete);
        assertEquals("coaps://10.0.0.5:5684", config.security.get(1).uri);
        assertEquals(SecurityMode.PSK, config.security.get(1).securityMode);
        assertArrayEquals("dev-1-id".getBytes(StandardCharsets.UTF_8), config.security.get(1).publicKeyOrId);
        assertArrayEquals(new byte[] { 0, (byte) 0xff }, config.security.get(1).secretKey);
        assertEquals(7, config.servers.get(0).shortId);
        assertEquals(120, config.servers.get(0).lifetime);
        assertEquals(Integer.valueOf(7), config.security.get(1).serverId);
    }

    @Test
    public void inconsistentEntriesNameTheField() {
        assertTrue(message(new BootstrapEntry("d", "http://x", 1, 60, "U", "NO_SEC", "", "")).contains("serverUri"));
        assertTrue(message(new BootstrapEntry("d", "coap://x", 0, 60, "U", "NO_SEC", "", "")).contains("shortServerId"));
        assertTrue(message(new BootstrapEntry("d", "coap://x", 1, 60, "U", "RPK", "", "")).contains("securityMode"));
        assertTrue(message(new BootstrapEntry("d", "coaps://x", 1, 60, "U", "PSK", "", "")).contains("pskIdentity"));
    }

    private static String message(BootstrapEntry entry) {
        return assertThrows(IllegalArgumentException.class, () -> BootstrapConfigs.toLeshan(entry)).getMessage();
    }
}
