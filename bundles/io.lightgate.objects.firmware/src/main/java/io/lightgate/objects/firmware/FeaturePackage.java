/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A feature package: a zip holding {@value #DESCRIPTOR} and {@code bundles/*.jar}. The descriptor
 * names the feature ({@code name}, {@code version}, both required) and may list bundles the feature
 * removes from the image ({@code remove}: symbolic names, comma-separated). Applying it composes a
 * new gateway image ({@link ImageComposer}); a bundle whose symbolic name the image already has
 * replaces that one.
 *
 * @param bundles the bundle jars, in the order of their entries
 * @param removes symbolic names of bundles the image loses
 */
record FeaturePackage(String name, String version, List<BundleInfo> bundles, Set<String> removes) {

    static final String DESCRIPTOR = "feature.properties";
    static final String BUNDLES = "bundles/";

    /** A zip with {@value #DESCRIPTOR} at its root is a feature package; everything else is not (no other check). */
    static boolean isFeature(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(DESCRIPTOR) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads and checks a feature package: every entry reads back with its checksum, the bundles'
     * entries too (else 5, integrity check failure); a descriptor with a name and version, at least
     * one bundle, each a valid OSGi bundle, no symbolic name twice (else 6, unsupported package type).
     */
    static FeaturePackage read(Path file) throws GatewayImage.Rejected, IOException {
        readEveryEntry(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties descriptor = new Properties();
            try (InputStream in = zip.getInputStream(zip.getEntry(DESCRIPTOR))) {
                descriptor.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            String name = descriptor.getProperty("name", "").strip();
            String version = descriptor.getProperty("version", "").strip();
            if (name.isEmpty() || version.isEmpty()) {
                throw unsupported(DESCRIPTOR + " needs name and version (it has name=" + name + ", version=" + version + ")");
            }
            Set<String> removes = new LinkedHashSet<>();
            for (String bsn : descriptor.getProperty("remove", "").split(",")) {
                if (!bsn.isBlank()) {
                    removes.add(bsn.strip());
                }
            }
            List<BundleInfo> bundles = new ArrayList<>();
            Set<String> names = new HashSet<>();
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith(BUNDLES)) {
                    continue;
                }
                if (!e.getName().endsWith(".jar") || e.getName().indexOf('/', BUNDLES.length()) >= 0) {
                    throw unsupported(e.getName() + ": the bundles of a feature are jars directly in " + BUNDLES);
                }
                BundleInfo bundle;
                try (InputStream in = zip.getInputStream(e)) {
                    bundle = BundleInfo.of(e.getName(), manifestOf(in, e.getName()));
                } catch (BundleInfo.Invalid invalid) {
                    throw unsupported(invalid.getMessage());
                }
                if (!names.add(bundle.symbolicName())) {
                    throw unsupported("the feature has " + bundle.symbolicName() + " twice (" + e.getName() + ")");
                }
                if (removes.contains(bundle.symbolicName())) {
                    throw unsupported(DESCRIPTOR + " removes " + bundle.symbolicName() + ", which the feature also adds");
                }
                bundles.add(bundle);
            }
            if (bundles.isEmpty()) {
                throw unsupported("the feature has no bundles (" + BUNDLES + "*.jar)");
            }
            return new FeaturePackage(name, version, List.copyOf(bundles), Set.copyOf(removes));
        } catch (ZipException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, "the feature package is damaged (" + e.getMessage() + ")");
        }
    }

    // the manifest of a jar held in the zip, wherever in the jar it is (JarInputStream only finds it first)
    private static Manifest manifestOf(InputStream jar, String where) throws IOException, GatewayImage.Rejected {
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(jar))) {
            ZipEntry e;
            boolean any = false;
            while ((e = in.getNextEntry()) != null) {
                any = true;
                if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    return new Manifest(in);
                }
            }
            if (!any) {
                throw unsupported(where + " is not a jar");
            }
            return null;
        } catch (ZipException | EOFException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, where + " is damaged (" + e.getMessage() + ")");
        }
    }

    // reading an entry to its end compares its CRC-32; a bundle jar is read through as well, entry by entry
    private static void readEveryEntry(Path file) throws GatewayImage.Rejected, IOException {
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().startsWith(BUNDLES) && entry.getName().endsWith(".jar")) {
                    readJar(in, entry.getName(), buffer);
                }
                while (in.read(buffer) >= 0) {
                    // checked while read
                }
            }
        } catch (ZipException | EOFException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, "the feature package is damaged (" + e.getMessage() + ")");
        }
    }

    private static void readJar(InputStream entry, String where, byte[] buffer) throws GatewayImage.Rejected, IOException {
        ZipInputStream jar = new ZipInputStream(new java.io.FilterInputStream(entry) {
            @Override
            public void close() {
                // the outer stream stays open
            }
        });
        try {
            while (jar.getNextEntry() != null) {
                while (jar.read(buffer) >= 0) {
                    // checked while read
                }
            }
        } catch (ZipException | EOFException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INTEGRITY_FAILURE, where + " is damaged (" + e.getMessage() + ")");
        }
    }

    private static GatewayImage.Rejected unsupported(String message) {
        return new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE, message);
    }

    String describe() {
        return "feature " + name + " " + version;
    }
}
