/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ConfigurationOriginTest {

    private static final Map<String, Object> FROM_FILE = Map.of(ConfigurationOrigin.FILE_PROPERTY,
            "file:/opt/lg/etc/io.lightgate.adapter.opcua.server-demo.cfg", "service.pid", "io.lightgate.adapter.opcua.server.1a2b");
    private static final Map<String, Object> FROM_CONFIG_ADMIN = Map.of("service.pid", "io.lightgate.adapter.opcua.server~a");

    @Test
    public void aFileIsNamedByItsPathWithoutTheScheme() {
        assertEquals("/opt/lg/etc/io.lightgate.adapter.opcua.server-demo.cfg", ConfigurationOrigin.of(FROM_FILE).where());
        assertEquals(Optional.of(Path.of("/opt/lg/etc/io.lightgate.adapter.opcua.server-demo.cfg")),
                ConfigurationOrigin.of(FROM_FILE).path());
        assertTrue(ConfigurationOrigin.of(FROM_FILE).fromFile());
    }

    @Test
    public void theShortNameIsTheFileNameWithoutFolderAndSuffix() {
        assertEquals("io.lightgate.adapter.opcua.server-demo", ConfigurationOrigin.of(FROM_FILE).shortName());
        assertEquals("meter", ConfigurationOrigin.of(Map.of(ConfigurationOrigin.FILE_PROPERTY, "C:\\lg\\etc\\meter.config")).shortName());
    }

    @Test
    public void withoutAFileThePidNamesIt() {
        ConfigurationOrigin origin = ConfigurationOrigin.of(FROM_CONFIG_ADMIN);
        assertEquals("configuration io.lightgate.adapter.opcua.server~a", origin.where());
        assertEquals("io.lightgate.adapter.opcua.server~a", origin.shortName());
        assertEquals(Optional.empty(), origin.path());
        assertFalse(origin.fromFile());
    }

    @Test
    public void aFileUriThatIsNoPathHasNoPath() {
        assertEquals(Optional.empty(), ConfigurationOrigin.of(Map.of(ConfigurationOrigin.FILE_PROPERTY, "file:/etc/a b.cfg")).path());
    }
}
