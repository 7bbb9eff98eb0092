/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import org.junit.Test;

public class GatewayFolderTest {

    private static final Path WORKING_DIRECTORY = Path.of("").toAbsolutePath();

    @Test
    public void withoutThePropertyTheFolderIsInTheWorkingDirectory() {
        assertEquals(WORKING_DIRECTORY.resolve("data"), GatewayFolder.DATA.path((String) null));
        assertEquals(WORKING_DIRECTORY.resolve("load"), GatewayFolder.LOAD.path("  "));
        assertEquals(WORKING_DIRECTORY.resolve("etc"), GatewayFolder.ETC.path(""));
    }

    @Test
    public void thePropertyNamesTheFolderAbsoluteAndNormalized() {
        assertEquals(Path.of("/var/lib/lightgate"), GatewayFolder.DATA.path(" /var/lib/lightgate/state/.. "));
        assertEquals(WORKING_DIRECTORY.resolve("run/data"), GatewayFolder.DATA.path("run/./data"));
    }

    @Test
    public void thePropertiesAreTheDocumentedOnes() {
        assertEquals("lightgate.data", GatewayFolder.DATA.property());
        assertEquals("lightgate.load", GatewayFolder.LOAD.property());
        assertEquals("lightgate.etc", GatewayFolder.ETC.property());
    }
}
