/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.rooms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** What the room check needs of one built bundle: its symbolic name, imports and exports. */
record BundleManifest(String symbolicName, Set<String> imports, Set<String> exports) {

    BundleManifest {
        imports = Set.copyOf(imports);
        exports = Set.copyOf(exports);
    }

    /** The bundles built under {@code bundles/} and {@code examples/} of the tree (folders without a built manifest are skipped). */
    static List<BundleManifest> built(Path root) throws IOException {
        List<BundleManifest> found = new ArrayList<>();
        for (String parent : List.of("bundles", "examples")) {
            Path dir = root.resolve(parent);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path module : children.sorted().toList()) {
                    Path mf = module.resolve("target/classes/META-INF/MANIFEST.MF");
                    if (Files.isRegularFile(mf)) {
                        try (InputStream in = Files.newInputStream(mf)) {
                            BundleManifest m = of(new Manifest(in));
                            if (m != null) {
                                found.add(m);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The bundle a manifest describes, or null when it is no bundle. */
    static BundleManifest of(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn == null) {
            return null;
        }
        return new BundleManifest(bsn.split(";")[0].trim(), packages(main.getValue("Import-Package")),
                packages(main.getValue("Export-Package")));
    }

    /** The package names of an Import-Package or Export-Package header (attributes and directives dropped). */
    static Set<String> packages(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null || header.isBlank()) {
            return names;
        }
        for (String clause : clauses(header)) {
            // "a;b;version=1" names two packages: every part before the first attribute or directive
            for (String part : clause.split(";")) {
                String p = part.trim();
                if (p.contains("=")) {
                    break;
                }
                if (!p.isEmpty()) {
                    names.add(p);
                }
            }
        }
        return names;
    }

    /** Splits a header at the commas outside quotes (version ranges and uses:= lists hold commas). */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
