/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import org.junit.Test;

/** Which bundle locations are FileInstall's jars in load/. */
public class LoadFolderTest {

    private final Path load = Path.of("/opt/gateway/load");
    private final LoadFolder folder = new LoadFolder(load);

    @Test
    public void aFileUriInTheFolderIsOneOfItsBundles() {
        assertTrue(folder.holds(load.resolve("heap.jar").toUri().toString()));
        assertTrue(folder.holds("file:/opt/gateway/load/sub/../x.jar"));
        assertEquals("load/heap.jar", folder.fileName("file:/opt/gateway/load/heap.jar"));
    }

    @Test
    public void otherLocationsAreNot() {
        assertFalse(folder.holds("file:/opt/gateway/loader/x.jar"));
        assertFalse(folder.holds("file:/opt/gateway/x.jar"));
        assertFalse(folder.holds(BundleInstaller.location(3)));
        assertFalse(folder.holds("reference:file:/opt/gateway/load/x.jar"));
        assertFalse(folder.holds(null));
        assertFalse("not a URI", folder.holds("file:/opt/gateway/load/a b.jar"));
    }
}
