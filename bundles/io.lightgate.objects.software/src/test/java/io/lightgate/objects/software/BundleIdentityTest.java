/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.Test;

/** Only OSGi bundles are delivered: anything else is Update Result 54 (unsupported package type). */
public class BundleIdentityTest {

    @Test
    public void aBundleIsKnownByItsSymbolicNameAndVersion() throws Exception {
        BundleIdentity id = BundleIdentity.of(Jars.withManifest(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "com.example.heap;singleton:=true", "Bundle-Version", "1.2.3")));
        assertEquals(new BundleIdentity("com.example.heap", "1.2.3"), id);
        assertEquals("0.0.0", BundleIdentity.of(Jars.withManifest(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "x"))).version());
    }

    @Test
    public void bytesThatAreNoJarAreUnsupported() {
        PackageRejected e = assertThrows(PackageRejected.class, () -> BundleIdentity.of("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(UpdateResult.UNSUPPORTED_PACKAGE_TYPE, e.result());
        assertTrue(e.getMessage(), e.getMessage().contains("not a jar"));
    }

    @Test
    public void aPlainJarIsNoBundle() {
        PackageRejected e = assertThrows(PackageRejected.class, () -> BundleIdentity.of(Jars.withManifest(Map.of("Main-Class", "x.Main"))));
        assertEquals(UpdateResult.UNSUPPORTED_PACKAGE_TYPE, e.result());
        assertTrue(e.getMessage(), e.getMessage().contains("Bundle-SymbolicName"));
        PackageRejected r3 = assertThrows(PackageRejected.class, () -> BundleIdentity.of(Jars.withManifest(Map.of("Bundle-SymbolicName", "old.r3"))));
        assertEquals("an R3 bundle (no Bundle-ManifestVersion: 2) is refused", UpdateResult.UNSUPPORTED_PACKAGE_TYPE, r3.result());
    }
}
