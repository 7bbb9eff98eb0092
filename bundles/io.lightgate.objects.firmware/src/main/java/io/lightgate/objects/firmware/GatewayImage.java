/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * A Lightgate gateway image: the executable jar `mvn package` exports (target/gateway.jar). It
 * is recognised by its manifest: bnd's embedded launcher as Main-Class and the
 * {@value #NAME_HEADER} / {@value #VERSION_HEADER} headers gateway.bndrun writes.
 *
 * @param name the image's name (PkgName, 5/0/6)
 * @param version the image's version (PkgVersion, 5/0/7)
 */
record GatewayImage(String name, String version) {

    static final String LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";
    static final String NAME_HEADER = "Lightgate-Image-Name";
    static final String VERSION_HEADER = "Lightgate-Image-Version";
    private static final String RUNPATH_HEADER = "Embedded-Runpath";
    private static final String LAUNCHER_PROPERTIES = "launcher.properties";
    private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

    /** A package that is no gateway image, with the Update Result that says why. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final int result;

        Rejected(int result, String message) {
            super(message);
            this.result = result;
        }

        int result() {
            return result;
        }
    }

    /**
     * Checks a package completely before it is accepted: a jar (else 6, unsupported package type)
     * whose every entry reads back with its checksum and which holds what its launcher needs
     * (else 5, integrity check failure), with a gateway image's manifest (else 6).
     */
    static GatewayImage verify(Path jar) throws Rejected, IOException {
        if (!startsWithZipMagic(jar)) {
            throw new Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE, "the package is not a jar (no zip header): a gateway image is the"
                    + " gateway.jar that `mvn package` builds");
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (ZipException e) {
            throw new Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, "the jar is damaged or incomplete (" + e.getMessage() + ")");
        }
        GatewayImage image = describe(manifest).orElseThrow(() -> new Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE,
                "the jar is not a Lightgate gateway image: its manifest needs Main-Class " + LAUNCHER + " and " + NAME_HEADER
                        + " (found Main-Class " + mainClass(manifest) + ")"));
        Set<String> entries = readEveryEntry(jar);
        Set<String> needed = new HashSet<>(Set.of(LAUNCHER_PROPERTIES));
        String runpath = manifest.getMainAttributes().getValue(RUNPATH_HEADER);
        if (runpath != null) {
            for (String path : runpath.split(",")) {
                needed.add(path.strip());
            }
        }
        needed.removeAll(entries);
        if (!needed.isEmpty()) {
            throw new Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, "the image lacks " + needed + ", which its launcher needs");
        }
        return image;
    }

    /** The image described by a jar's manifest, if it is a gateway image; no other check. */
    static java.util.Optional<GatewayImage> describe(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return describe(file.getManifest());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<GatewayImage> describe(Manifest manifest) {
        if (manifest == null) {
            return java.util.Optional.empty();
        }
        Attributes main = manifest.getMainAttributes();
        String name = main.getValue(NAME_HEADER);
        if (!LAUNCHER.equals(mainClass(manifest)) || name == null || name.isBlank()) {
            return java.util.Optional.empty();
        }
        String version = main.getValue(VERSION_HEADER);
        return java.util.Optional.of(new GatewayImage(name.strip(), version == null ? "" : version.strip()));
    }

    private static String mainClass(Manifest manifest) {
        return manifest == null ? "none (no manifest)" : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
    }

    private static boolean startsWithZipMagic(Path jar) throws IOException {
        byte[] head = new byte[ZIP_MAGIC.length];
        try (InputStream in = Files.newInputStream(jar)) {
            return in.readNBytes(head, 0, head.length) == head.length && java.util.Arrays.equals(head, ZIP_MAGIC);
        }
    }

    // Reading an entry to its end makes the stream compare its CRC-32 and sizes with the header's.
    private static Set<String> readEveryEntry(Path jar) throws Rejected, IOException {
        Set<String> names = new HashSet<>();
        byte[] buffer = new byte[64 * 1024];
        try (JarInputStream in = new JarInputStream(new BufferedInputStream(Files.newInputStream(jar)), false)) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                while (in.read(buffer) >= 0) {
                    // checked while read
                }
                names.add(entry.getName());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, "the jar is damaged (" + e.getMessage() + ")");
        }
        return names;
    }
}
