/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import io.lightgate.objects.firmware.BundleInfo.Capability;
import io.lightgate.objects.firmware.BundleInfo.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A bundle of the running framework as the feature check sees it: what it provides (its revision's
 * capabilities, the system bundle's packages and execution environments among them) and what it is
 * wired to now (each requirement with the symbolic name of the bundle that satisfies it), so that
 * a feature which removes or replaces that bundle can be checked against what still needs it.
 */
record RunningBundle(String symbolicName, String version, List<Capability> capabilities, List<Dependency> dependencies) {

    /** A requirement of this bundle and the bundle wired to satisfy it. */
    record Dependency(Requirement requirement, String provider) {
    }

    /** The bundles the framework of this context holds now (uninstalled and nameless ones left out). */
    static List<RunningBundle> snapshot(BundleContext context) {
        List<RunningBundle> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (b.getState() == Bundle.UNINSTALLED || revision == null || b.getSymbolicName() == null) {
                continue;
            }
            List<Capability> caps = new ArrayList<>();
            for (org.osgi.resource.Capability c : revision.getCapabilities(null)) {
                caps.add(new Capability(c.getNamespace(), Map.copyOf(c.getAttributes())));
            }
            List<Dependency> deps = new ArrayList<>();
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    String filter = wire.getRequirement().getDirectives().get("filter");
                    Bundle provider = wire.getProvider().getBundle();
                    deps.add(new Dependency(new Requirement(wire.getRequirement().getNamespace(), filter,
                            wire.getRequirement().getNamespace() + " " + (filter == null ? "" : filter)), provider.getSymbolicName()));
                }
            }
            bundles.add(new RunningBundle(b.getSymbolicName(), b.getVersion().toString(), List.copyOf(caps), List.copyOf(deps)));
        }
        return List.copyOf(bundles);
    }
}
