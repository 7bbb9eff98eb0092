/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * What a bundle jar declares in its manifest, as capabilities and requirements in the OSGi
 * namespaces (the same model the framework resolves with): Export-Package, Bundle-SymbolicName and
 * Provide-Capability provide; Import-Package, Require-Bundle, Fragment-Host and Require-Capability
 * require. Optional requirements, dynamic imports and those effective other than at resolve time
 * (a bnd {@code osgi.service} requirement is {@code effective:=active}) are left out: the
 * framework does not need them to resolve either.
 *
 * @param where the jar, for messages ({@code bundles/x.jar} in a feature package)
 */
record BundleInfo(String where, String symbolicName, Version version, List<Capability> capabilities, List<Requirement> requirements) {

    static final String PACKAGE = "osgi.wiring.package";
    static final String BUNDLE = "osgi.wiring.bundle";
    static final String HOST = "osgi.wiring.host";

    /** A capability: a namespace and typed attributes, as {@code org.osgi.resource.Capability} has them. */
    record Capability(String namespace, Map<String, Object> attributes) {
    }

    /** A requirement: a namespace and a filter over capability attributes (null: any capability of it). */
    record Requirement(String namespace, String filter, String text) {

        /** A test of capabilities, the filter parsed once (a check runs it over every capability of the framework). */
        java.util.function.Predicate<Capability> matcher() {
            Filter f;
            try {
                f = filter == null ? null : FrameworkUtil.createFilter(filter);
            } catch (InvalidSyntaxException e) {
                return c -> false; // a feature's filters were checked when read; a framework's are valid
            }
            return c -> c.namespace().equals(namespace) && (f == null || f.matches(c.attributes()));
        }
    }

    /** Not a valid OSGi bundle, or a header that cannot be read; the message says which header. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static BundleInfo of(String where, Manifest manifest) throws Invalid {
        if (manifest == null) {
            throw new Invalid(where + " has no META-INF/MANIFEST.MF: it is not an OSGi bundle");
        }
        Attributes main = manifest.getMainAttributes();
        if (!"2".equals(strip(main.getValue("Bundle-ManifestVersion")))) {
            throw new Invalid(where + " is not an OSGi R4+ bundle (Bundle-ManifestVersion is " + main.getValue("Bundle-ManifestVersion")
                    + ", not 2)");
        }
        List<ManifestHeader.Clause> bsnHeader = ManifestHeader.parse(main.getValue("Bundle-SymbolicName"));
        if (bsnHeader.size() != 1 || bsnHeader.get(0).paths().size() != 1) {
            throw new Invalid(where + " has no valid Bundle-SymbolicName (" + main.getValue("Bundle-SymbolicName") + ")");
        }
        String bsn = bsnHeader.get(0).paths().get(0);
        Version version;
        try {
            version = Version.parseVersion(strip(main.getValue("Bundle-Version")));
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + " (" + bsn + ") has an invalid Bundle-Version " + main.getValue("Bundle-Version"));
        }
        try {
            return new BundleInfo(where, bsn, version, capabilities(bsn, version, main), requirements(main));
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + " (" + bsn + ") has a header that cannot be read: " + e.getMessage());
        }
    }

    String describe() {
        return symbolicName + " " + version + " (" + where + ")";
    }

    private static List<Capability> capabilities(String bsn, Version version, Attributes main) {
        List<Capability> caps = new ArrayList<>();
        caps.add(new Capability(BUNDLE, Map.of(BUNDLE, bsn, "bundle-version", version)));
        caps.add(new Capability(HOST, Map.of(HOST, bsn, "bundle-version", version)));
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Export-Package"))) {
            String v = c.attribute("version");
            Version exported = Version.parseVersion(v == null ? c.attribute("specification-version") : v);
            for (String pkg : c.paths()) {
                Map<String, Object> attrs = new HashMap<>();
                attrs.put(PACKAGE, pkg);
                attrs.put("version", exported);
                attrs.put("bundle-symbolic-name", bsn);
                attrs.put("bundle-version", version);
                caps.add(new Capability(PACKAGE, attrs));
            }
        }
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Provide-Capability"))) {
            Map<String, Object> attrs = new HashMap<>();
            c.attributes().forEach((k, v) -> attrs.put(ManifestHeader.keyName(k), ManifestHeader.typedValue(k, v)));
            for (String namespace : c.paths()) {
                caps.add(new Capability(namespace, Map.copyOf(attrs)));
            }
        }
        return List.copyOf(caps);
    }

    private static List<Requirement> requirements(Attributes main) {
        List<Requirement> reqs = new ArrayList<>();
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Import-Package"))) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String range = c.attribute("version");
            if (range == null) {
                range = c.attribute("specification-version");
            }
            for (String pkg : c.paths()) {
                if (pkg.startsWith("java.")) {
                    continue; // bnd 7 imports java.*; the framework always loads them from the JVM, exported or not
                }
                reqs.add(new Requirement(PACKAGE, and(eq(PACKAGE, pkg), range == null ? null : new VersionRange(range).toFilterString("version")),
                        "Import-Package: " + pkg + (range == null ? "" : ";version=\"" + range + "\"")));
            }
        }
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Require-Bundle"))) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String range = c.attribute("bundle-version");
            for (String name : c.paths()) {
                reqs.add(new Requirement(BUNDLE, and(eq(BUNDLE, name), range == null ? null : new VersionRange(range).toFilterString("bundle-version")),
                        "Require-Bundle: " + c.text()));
            }
        }
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Fragment-Host"))) {
            String range = c.attribute("bundle-version");
            for (String name : c.paths()) {
                reqs.add(new Requirement(HOST, and(eq(HOST, name), range == null ? null : new VersionRange(range).toFilterString("bundle-version")),
                        "Fragment-Host: " + c.text()));
            }
        }
        for (ManifestHeader.Clause c : ManifestHeader.parse(main.getValue("Require-Capability"))) {
            String effective = c.directives().getOrDefault("effective", "resolve");
            if (!"resolve".equals(effective) || "optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String filter = c.directives().get("filter");
            if (filter != null) {
                try {
                    FrameworkUtil.createFilter(filter);
                } catch (InvalidSyntaxException e) {
                    throw new IllegalArgumentException("Require-Capability filter " + filter + ": " + e.getMessage());
                }
            }
            for (String namespace : c.paths()) {
                reqs.add(new Requirement(namespace, filter, "Require-Capability: " + c.text()));
            }
        }
        return List.copyOf(reqs);
    }

    private static String eq(String attribute, String value) {
        return "(" + attribute + "=" + value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)") + ")";
    }

    private static String and(String a, String b) {
        return b == null ? a : "(&" + a + b + ")";
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
