/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/** Small jars shaped like gateway images (and like things that are not), made in memory. */
final class TestImages {

    /** Bytes of the framework jar's entry, stored uncompressed so a test can find and damage them. */
    static final byte[] FRAMEWORK_BYTES = "FRAMEWORK-JAR-CONTENT-0123456789".repeat(32).getBytes(StandardCharsets.US_ASCII);

    private TestImages() {
    }

    static byte[] gatewayImage(String version) throws IOException {
        return jar(GatewayImage.LAUNCHER, "Lightgate gateway", version, true);
    }

    /** mainClass / name null: that header is left out. */
    static byte[] jar(String mainClass, String name, String version, boolean withRunpathEntries) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            a.put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (name != null) {
            a.putValue(GatewayImage.NAME_HEADER, name);
            a.putValue(GatewayImage.VERSION_HEADER, version);
        }
        a.putValue("Embedded-Runpath", "jar/framework.jar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.putNextEntry(new JarEntry("launcher.properties"));
            out.write("launch.bundles=\n".getBytes(StandardCharsets.UTF_8));
            if (withRunpathEntries) {
                JarEntry stored = new JarEntry("jar/framework.jar");
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(FRAMEWORK_BYTES.length);
                CRC32 crc = new CRC32();
                crc.update(FRAMEWORK_BYTES);
                stored.setCrc(crc.getValue());
                out.putNextEntry(stored);
                out.write(FRAMEWORK_BYTES);
            }
        }
        return bytes.toByteArray();
    }

    /** The image with one byte of the framework entry's content changed: its CRC no longer matches. */
    static byte[] withDamagedContent(byte[] image) {
        byte[] copy = image.clone();
        byte[] marker = "FRAMEWORK-JAR-CONTENT".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + marker.length, marker, 0, marker.length)) {
                copy[i + 100] ^= 0x20;
                return copy;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
