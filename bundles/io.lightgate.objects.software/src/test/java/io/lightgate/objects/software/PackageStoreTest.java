/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** data/software/: what survives a restart, in real files. */
public class PackageStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void instancesAndPackagesAreReadBackAfterARestart() throws Exception {
        Path folder = temp.getRoot().toPath().resolve("software");
        PackageStore store = new PackageStore(folder);
        byte[] jar = Jars.bundle("com.example.heap", "1.0.0");
        PackageStatus installed = PackageStatus.initial("heap", "1").downloadStarted().downloaded().delivered("com.example.heap", "1.0.0").installed();
        store.saveJar(3, jar);
        store.save(3, installed, true);
        store.save(0, PackageStatus.initial("empty", ""), false);

        List<StoredPackage> again = new PackageStore(folder).load();
        assertEquals(List.of(new StoredPackage(0, PackageStatus.initial("empty", ""), false), new StoredPackage(3, installed, true)), again);
        assertArrayEquals(jar, store.readJar(3));

        store.delete(3);
        assertFalse(Files.exists(store.jar(3)));
        assertEquals(1, store.load().size());
    }

    @Test
    public void anInstanceUninstalledForAnUpdateRemembersWhatItAwaits() throws Exception {
        PackageStore store = new PackageStore(temp.getRoot().toPath());
        PackageStatus waiting = PackageStatus.initial("heap", "1").downloadStarted().downloaded().delivered("com.example.heap", "1.0.0")
                .installed().uninstalledForUpdate();
        store.save(4, waiting, true, "com.example.heap");
        store.save(5, PackageStatus.initial("other", ""), false, "");
        assertEquals(List.of(new StoredPackage(4, waiting, true, "com.example.heap"), new StoredPackage(5, PackageStatus.initial("other", ""), false)),
                store.load());
    }

    @Test
    public void aDownloadCutByARestartIsReportedAsConnectionLost() throws Exception {
        PackageStore store = new PackageStore(temp.getRoot().toPath());
        store.save(1, PackageStatus.initial("p", "").downloadStarted(), false);
        PackageStatus after = store.load().get(0).status();
        assertEquals(UpdateState.INITIAL, after.state());
        assertEquals(UpdateResult.CONNECTION_LOST, after.result());
    }

    @Test
    public void aDeliveredPackageWhoseJarIsGoneIsReportedAndABrokenFileSkipped() throws Exception {
        Path folder = temp.getRoot().toPath();
        PackageStore store = new PackageStore(folder);
        store.save(2, PackageStatus.initial("p", "").downloadStarted().downloaded().delivered("p", "1"), false);
        Files.writeString(folder.resolve("x.properties"), "state=NONSENSE\n");
        Files.writeString(folder.resolve("5.properties"), "state=NONSENSE\n");
        List<StoredPackage> loaded = store.load();
        assertEquals(1, loaded.size());
        assertEquals(UpdateState.INITIAL, loaded.get(0).status().state());
        assertEquals(UpdateResult.DEVICE_DEFINED_ERROR, loaded.get(0).status().result());
        assertTrue(loaded.get(0).status().reason(), loaded.get(0).status().reason().contains("2.jar"));
    }
}
