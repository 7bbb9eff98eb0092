/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Bundle-SymbolicName and Bundle-Version of a package that is an OSGi bundle: a jar (zip)
 * whose manifest declares Bundle-ManifestVersion 2 and a symbolic name. Anything else is
 * refused with Update Result 54 (unsupported package type) before the framework sees it.
 */
public record BundleIdentity(String symbolicName, String version) {

    /** Reads the identity of a package, or says why it is not a bundle. */
    public static BundleIdentity of(byte[] pkg) throws PackageRejected {
        Manifest manifest = manifest(pkg);
        Attributes main = manifest.getMainAttributes();
        String manifestVersion = main.getValue("Bundle-ManifestVersion");
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank() || !"2".equals(manifestVersion == null ? null : manifestVersion.strip())) {
            throw new PackageRejected(UpdateResult.UNSUPPORTED_PACKAGE_TYPE,
                    "the jar is no OSGi bundle: its manifest needs Bundle-ManifestVersion: 2 and a Bundle-SymbolicName");
        }
        String name = symbolicName.split(";", 2)[0].strip();
        String version = main.getValue("Bundle-Version");
        return new BundleIdentity(name, version == null || version.isBlank() ? "0.0.0" : version.strip());
    }

    // ZipInputStream rather than JarInputStream: a manifest that is not the first entry counts too
    private static Manifest manifest(byte[] pkg) throws PackageRejected {
        boolean anyEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pkg))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                anyEntry = true;
                if (JarFile.MANIFEST_NAME.equalsIgnoreCase(e.getName())) {
                    return new Manifest(zip);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageRejected(UpdateResult.UNSUPPORTED_PACKAGE_TYPE, "the package is no readable jar: " + e.getMessage(), e);
        }
        throw new PackageRejected(UpdateResult.UNSUPPORTED_PACKAGE_TYPE, anyEntry
                ? "the jar has no META-INF/MANIFEST.MF, so it is no OSGi bundle"
                : "the package (" + pkg.length + " bytes) is not a jar: a bundle jar is expected");
    }
}
