/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OtherJarCachesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path cacheWithBundle(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("bundle3/version0.0"));
        Files.writeString(folder.resolve("bundle3/version0.0/bundle.jar"), "x");
        return folder;
    }

    @Test
    public void theCachesOfOtherJarsAndTheOldSingleCacheGoTheCurrentOneAndOtherFilesStay() throws IOException {
        Path caches = tmp.newFolder("data", "cache").toPath();
        Path current = cacheWithBundle(caches.resolve("jar-20261207-031757-634"));
        Path older = cacheWithBundle(caches.resolve("jar-20261201-120000-000"));
        cacheWithBundle(caches); // a cache of a jar from before: data/cache/bundle3
        Files.writeString(caches.resolve("cache.lock"), "");
        Path unrelated = Files.writeString(caches.resolve("notes.txt"), "mine");

        assertEquals(3, OtherJarCaches.deleteBeside(current.toString()).size());

        assertTrue(Files.exists(current.resolve("bundle3/version0.0/bundle.jar")));
        assertFalse(Files.exists(older));
        assertFalse(Files.exists(caches.resolve("bundle3")));
        assertFalse(Files.exists(caches.resolve("cache.lock")));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    public void aCacheFolderNamedByTheUserLeavesItsNeighboursAlone() throws IOException {
        Path parent = tmp.newFolder("elsewhere").toPath();
        Path current = cacheWithBundle(parent.resolve("felix"));
        Path neighbour = cacheWithBundle(parent.resolve("jar-20261201-120000-000"));
        cacheWithBundle(parent);

        assertTrue(OtherJarCaches.deleteBeside(current.toString()).isEmpty());
        assertTrue(OtherJarCaches.deleteBeside(null).isEmpty());

        assertTrue(Files.exists(neighbour.resolve("bundle3")));
        assertTrue(Files.exists(parent.resolve("bundle3")));
    }
}
