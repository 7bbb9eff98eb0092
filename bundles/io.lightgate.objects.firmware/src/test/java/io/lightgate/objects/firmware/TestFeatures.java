/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import io.lightgate.objects.firmware.BundleInfo.Capability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.osgi.framework.Version;

/** Bundle jars, gateway images holding them the way bnd's launcher does, and feature packages, made in memory. */
final class TestFeatures {

    private TestFeatures() {
    }

    /** A bundle jar: the manifest (with the given extra headers) and one class-like file. */
    static byte[] bundle(String bsn, String version, Map<String, String> headers) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.putNextEntry(new JarEntry(bsn.replace('.', '/') + "/Content.txt"));
            out.write((bsn + " " + version).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /**
     * A gateway image whose launcher installs the bundles (entry under jar/ to jar bytes), in this
     * order, with start levels 10, 11, ... in launch.runbundles.attrs, as bnd exports one.
     */
    static byte[] image(String version, Map<String, byte[]> bundles) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, GatewayImage.LAUNCHER);
        a.putValue(GatewayImage.NAME_HEADER, "Lightgate gateway");
        a.putValue(GatewayImage.VERSION_HEADER, version);
        a.putValue("Embedded-Runpath", "jar/framework.jar");
        List<String> entries = new ArrayList<>();
        List<String> attrs = new ArrayList<>();
        int level = 10;
        for (Map.Entry<String, byte[]> b : bundles.entrySet()) {
            entries.add(b.getKey());
            BundleInfo info = info(b.getKey(), b.getValue());
            attrs.add(info.symbolicName() + ";version=\"" + info.version() + "\";startlevel=" + level++);
        }
        java.util.Properties launcher = new java.util.Properties();
        launcher.setProperty("launch.bundles", String.join(",", entries));
        launcher.setProperty("launch.runbundles.attrs", String.join(",", attrs));
        launcher.setProperty("launch.startlevel.default", String.valueOf(level));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.putNextEntry(new JarEntry("aQute/launcher/pre/EmbeddedLauncher.class"));
            out.write(new byte[] { (byte) 0xca, (byte) 0xfe });
            out.putNextEntry(new JarEntry("launcher.properties"));
            launcher.store(out, null);
            out.putNextEntry(new JarEntry("jar/framework.jar"));
            out.write(TestImages.FRAMEWORK_BYTES);
            for (Map.Entry<String, byte[]> b : bundles.entrySet()) {
                out.putNextEntry(new JarEntry(b.getKey()));
                out.write(b.getValue());
            }
        }
        return bytes.toByteArray();
    }

    /** A feature package: feature.properties with the lines given, and the bundles under bundles/. */
    static byte[] feature(String descriptor, Map<String, byte[]> bundles) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("feature.properties"));
            out.write(descriptor.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> b : bundles.entrySet()) {
                out.putNextEntry(new ZipEntry("bundles/" + b.getKey()));
                out.write(b.getValue());
            }
        }
        return bytes.toByteArray();
    }

    static BundleInfo info(String where, byte[] jar) throws IOException {
        try (var in = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            return BundleInfo.of(where, in.getManifest());
        } catch (BundleInfo.Invalid e) {
            throw new IOException(e);
        }
    }

    /** A running bundle with the capabilities its manifest declares and no wires. */
    static RunningBundle running(byte[] jar) throws IOException {
        BundleInfo info = info("running", jar);
        return new RunningBundle(info.symbolicName(), info.version().toString(), info.capabilities(), List.of());
    }

    /** The system bundle: Java 17 and the framework's packages. */
    static RunningBundle system() {
        List<Capability> caps = new ArrayList<>();
        caps.add(new Capability("osgi.ee", Map.of("osgi.ee", "JavaSE", "version", List.of(new Version(1, 8, 0), new Version(17, 0, 0)))));
        Map<String, Object> pkg = new LinkedHashMap<>();
        pkg.put(BundleInfo.PACKAGE, "org.osgi.framework");
        pkg.put("version", new Version(1, 10, 0));
        caps.add(new Capability(BundleInfo.PACKAGE, pkg));
        return new RunningBundle("org.apache.felix.framework", "7.0.5", List.copyOf(caps), List.of());
    }
}
