/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.osgi.framework.Version;

/**
 * Composes a new gateway image from the running one and a feature package. bnd's exported launcher
 * jar keeps its bundles as {@code jar/*.jar} entries, installs those {@code launch.bundles} in
 * launcher.properties lists (in that order) and takes their start levels from
 * {@code launch.runbundles.attrs} (by symbolic name and version; a bundle without an entry gets
 * {@code launch.startlevel.default}). The new image is the old one with the feature's bundles added
 * (a bundle of the same symbolic name is replaced in place and keeps its start level), the removed
 * ones gone, and a manifest that says so: {@value #FEATURES_HEADER} lists the features applied,
 * {@value #BASE_VERSION_HEADER} keeps the image's version before any feature, and
 * Lightgate-Image-Version becomes that version plus {@code +name-version} per feature.
 */
final class ImageComposer {

    static final String FEATURES_HEADER = "Lightgate-Image-Features";
    static final String BASE_VERSION_HEADER = "Lightgate-Image-Base-Version";
    static final String LAUNCHER_PROPERTIES = "launcher.properties";
    static final String BUNDLES_PROPERTY = "launch.bundles";
    static final String ATTRS_PROPERTY = "launch.runbundles.attrs";
    private static final String BUNDLE_DIR = "jar/";

    private ImageComposer() {
    }

    /** A bundle entry of an image: where it is in the jar and who it is. */
    record ImageBundle(String entry, String symbolicName, String version) {
    }

    /** What {@link #compose} did, for the log. */
    record Composition(GatewayImage image, List<String> added, List<String> replaced, List<String> removed) {
    }

    /** The bundles launch.bundles of the image lists, with the symbolic name and version from each one's manifest. */
    static List<ImageBundle> bundles(Path image) throws IOException, GatewayImage.Rejected {
        try (ZipFile zip = new ZipFile(image.toFile())) {
            return bundles(zip, launcherProperties(zip));
        }
    }

    /**
     * Writes the composed image to {@code out}: the running image's entries, its launcher.properties
     * and manifest rewritten, the feature's bundle jars copied from the package.
     */
    static Composition compose(Path runningImage, Path featureZip, FeaturePackage feature, Path out) throws IOException, GatewayImage.Rejected {
        try (JarFile base = new JarFile(runningImage.toFile(), false); ZipFile pkg = new ZipFile(featureZip.toFile())) {
            GatewayImage running = GatewayImage.describe(runningImage).orElseThrow(() -> new GatewayImage.Rejected(
                    FirmwareState.RESULT_UNSUPPORTED_TYPE, runningImage + " is not a gateway image: a feature needs one to be composed with"));
            Manifest manifest = new Manifest(base.getManifest());
            Properties launcher = launcherProperties(base);
            List<ImageBundle> current = bundles(base, launcher);

            Map<String, BundleInfo> incoming = new LinkedHashMap<>();
            feature.bundles().forEach(b -> incoming.put(b.symbolicName(), b));
            Map<String, Integer> levels = startLevels(launcher);
            Set<String> entryNames = new HashSet<>();
            base.stream().forEach(e -> entryNames.add(e.getName()));

            List<String> launchBundles = new ArrayList<>();
            Map<String, BundleInfo> newEntries = new LinkedHashMap<>();
            List<String> added = new ArrayList<>();
            List<String> replaced = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            Set<String> dropped = new HashSet<>();
            Map<String, String> newAttrs = new LinkedHashMap<>();
            for (ImageBundle b : current) {
                if (feature.removes().contains(b.symbolicName())) {
                    dropped.add(b.entry());
                    removed.add(b.symbolicName() + " " + b.version());
                } else if (incoming.containsKey(b.symbolicName())) {
                    BundleInfo with = incoming.remove(b.symbolicName());
                    String entry = entryFor(with, entryNames, b.entry());
                    dropped.add(b.entry());
                    entryNames.add(entry);
                    newEntries.put(entry, with);
                    launchBundles.add(entry);
                    replaced.add(b.symbolicName() + " " + b.version() + " -> " + with.version());
                    Integer level = levels.get(b.symbolicName());
                    if (level != null) {
                        newAttrs.put(with.symbolicName(), with.symbolicName() + ";version=\"" + with.version() + "\";startlevel=" + level);
                    }
                } else {
                    launchBundles.add(b.entry());
                }
            }
            for (BundleInfo with : incoming.values()) {
                String entry = entryFor(with, entryNames, null);
                entryNames.add(entry);
                newEntries.put(entry, with);
                launchBundles.add(entry);
                added.add(with.symbolicName() + " " + with.version());
            }

            launcher.setProperty(BUNDLES_PROPERTY, String.join(",", launchBundles));
            launcher.setProperty(ATTRS_PROPERTY, rewriteAttrs(launcher.getProperty(ATTRS_PROPERTY, ""), current, dropped, newAttrs));
            GatewayImage image = rewriteManifest(manifest, running, feature);

            Map<String, String> sources = new HashMap<>();
            feature.bundles().forEach(b -> sources.put(b.symbolicName(), b.where()));
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
                zip.putNextEntry(new ZipEntry("META-INF/"));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
                manifest.write(zip);
                zip.closeEntry();
                var entries = base.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String name = e.getName();
                    if (name.equals("META-INF/") || name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || dropped.contains(name)) {
                        continue;
                    }
                    if (name.equals(LAUNCHER_PROPERTIES)) {
                        zip.putNextEntry(new ZipEntry(name));
                        launcher.store(zip, "launcher.properties of " + image.name() + " " + image.version() + ", composed by Firmware Update (5)");
                        zip.closeEntry();
                        continue;
                    }
                    copy(base, e, name, zip);
                }
                for (Map.Entry<String, BundleInfo> n : newEntries.entrySet()) {
                    copy(pkg, pkg.getEntry(sources.get(n.getValue().symbolicName())), n.getKey(), zip);
                }
            }
            return new Composition(image, List.copyOf(added), List.copyOf(replaced), List.copyOf(removed));
        }
    }

    private static Properties launcherProperties(ZipFile zip) throws IOException, GatewayImage.Rejected {
        ZipEntry e = zip.getEntry(LAUNCHER_PROPERTIES);
        if (e == null) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE, zip.getName() + " has no " + LAUNCHER_PROPERTIES);
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(e)) {
            p.load(in);
        }
        return p;
    }

    private static List<ImageBundle> bundles(ZipFile zip, Properties launcher) throws IOException {
        List<ImageBundle> bundles = new ArrayList<>();
        for (String path : launcher.getProperty(BUNDLES_PROPERTY, "").split(",")) {
            String entry = path.strip();
            if (entry.isEmpty()) {
                continue;
            }
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IOException(zip.getName() + " lists " + entry + " in " + BUNDLES_PROPERTY + " but does not hold it");
            }
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(e))) {
                ZipEntry inner;
                String bsn = null;
                String version = "0.0.0";
                while ((inner = in.getNextEntry()) != null) {
                    if (inner.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        Attributes main = new Manifest(in).getMainAttributes();
                        List<ManifestHeader.Clause> name = ManifestHeader.parse(main.getValue("Bundle-SymbolicName"));
                        bsn = name.isEmpty() || name.get(0).paths().isEmpty() ? null : name.get(0).paths().get(0);
                        version = Version.parseVersion(main.getValue("Bundle-Version") == null ? null : main.getValue("Bundle-Version").strip()).toString();
                        break;
                    }
                }
                bundles.add(new ImageBundle(entry, bsn == null ? "" : bsn, version));
            }
        }
        return bundles;
    }

    private static Map<String, Integer> startLevels(Properties launcher) {
        Map<String, Integer> levels = new HashMap<>();
        for (ManifestHeader.Clause c : ManifestHeader.parse(launcher.getProperty(ATTRS_PROPERTY, ""))) {
            String level = c.attribute("startlevel");
            if (level != null && !c.paths().isEmpty()) {
                try {
                    levels.put(c.paths().get(0), Integer.parseInt(level.strip()));
                } catch (NumberFormatException e) {
                    // no level: the launcher's default applies, as it does for the launcher
                }
            }
        }
        return levels;
    }

    // the clauses of bundles that stay, the replaced ones with their new version; bnd marks a repeated name with a ~ suffix
    private static String rewriteAttrs(String attrs, List<ImageBundle> current, Set<String> dropped, Map<String, String> replacements) {
        Set<String> leaving = new HashSet<>();
        for (ImageBundle b : current) {
            if (dropped.contains(b.entry())) {
                leaving.add(b.symbolicName());
            }
        }
        List<String> clauses = new ArrayList<>();
        for (ManifestHeader.Clause c : ManifestHeader.parse(attrs)) {
            String bsn = c.paths().isEmpty() ? "" : c.paths().get(0).replaceAll("~+$", "");
            if (leaving.contains(bsn)) {
                String replacement = replacements.remove(bsn);
                if (replacement != null) {
                    clauses.add(replacement);
                }
                continue;
            }
            clauses.add(quoted(c));
        }
        clauses.addAll(replacements.values());
        return String.join(",", clauses);
    }

    private static String quoted(ManifestHeader.Clause c) {
        StringBuilder b = new StringBuilder(String.join(";", c.paths()));
        c.attributes().forEach((k, v) -> b.append(';').append(k).append("=\"").append(v.replace("\"", "\\\"")).append('"'));
        c.directives().forEach((k, v) -> b.append(';').append(k).append(":=\"").append(v.replace("\"", "\\\"")).append('"'));
        return b.toString();
    }

    private static GatewayImage rewriteManifest(Manifest manifest, GatewayImage running, FeaturePackage feature) {
        Attributes main = manifest.getMainAttributes();
        String base = main.getValue(BASE_VERSION_HEADER);
        if (base == null) {
            base = running.version();
            main.putValue(BASE_VERSION_HEADER, base);
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue(FEATURES_HEADER))) {
            if (!c.paths().isEmpty()) {
                features.put(c.paths().get(0), c.attribute("version"));
            }
        }
        features.remove(feature.name()); // a newer version of a feature replaces the older one
        features.put(feature.name(), feature.version());
        StringBuilder header = new StringBuilder();
        StringBuilder version = new StringBuilder(base);
        features.forEach((name, v) -> {
            header.append(header.length() == 0 ? "" : ",").append(name).append(";version=\"").append(v).append('"');
            version.append('+').append(name).append('-').append(v);
        });
        main.putValue(FEATURES_HEADER, header.toString());
        main.putValue(GatewayImage.VERSION_HEADER, version.toString());
        return new GatewayImage(running.name(), version.toString());
    }

    private static String entryFor(BundleInfo bundle, Set<String> taken, String preferred) {
        String file = bundle.symbolicName() + "-" + bundle.version() + ".jar";
        String entry = BUNDLE_DIR + file;
        for (int i = 2; taken.contains(entry) && !entry.equals(preferred); i++) {
            entry = BUNDLE_DIR + bundle.symbolicName() + "-" + bundle.version() + "-" + i + ".jar";
        }
        return entry;
    }

    /*
     * An entry stored, not deflated again: its size and CRC-32 come from the source's central
     * directory, and the bundle jars are compressed already: deflating them again costs CPU for
     * nothing. The exported image (34.0 MB, 37.9 MB inflated) grows by some 11 %.
     */
    private static void copy(ZipFile from, ZipEntry e, String name, ZipOutputStream to) throws IOException {
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(e.getTime());
        if (e.getSize() >= 0 && e.getCrc() >= 0) {
            copy.setMethod(ZipEntry.STORED);
            copy.setSize(e.getSize());
            copy.setCompressedSize(e.getSize());
            copy.setCrc(e.getCrc());
        }
        to.putNextEntry(copy);
        try (InputStream in = from.getInputStream(e)) {
            in.transferTo(to);
        }
        to.closeEntry();
    }
}
