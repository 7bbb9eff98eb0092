/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Namespace;

/**
 * Names what an unresolved bundle needs that nothing in the running framework offers, so the
 * server's Status Reason says which package or bundle to deliver first. The framework's resolver
 * only answers yes or no; this compares the bundle's mandatory requirements with the
 * capabilities of every resolved bundle.
 */
final class UnmetRequirements {

    private UnmetRequirements() {
    }

    static String describe(Bundle bundle, BundleContext context) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return "the framework could not resolve it";
        }
        List<String> unmet = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if (!mandatoryAtResolve(requirement) || offered(requirement, context)) {
                continue;
            }
            String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            unmet.add(requirement.getNamespace() + " " + (filter == null ? "" : filter));
        }
        return unmet.isEmpty()
                ? "every requirement is offered, but not consistently (a uses constraint); the gateway log has the framework's details"
                : "nothing in the gateway offers " + String.join(", ", unmet);
    }

    private static boolean mandatoryAtResolve(BundleRequirement requirement) {
        String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
        String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        return !Namespace.RESOLUTION_OPTIONAL.equals(resolution) && (effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective));
    }

    private static boolean offered(BundleRequirement requirement, BundleContext context) {
        for (Bundle other : context.getBundles()) {
            BundleWiring wiring = other.adapt(BundleWiring.class);
            if (wiring == null) {
                continue; // not resolved: offers nothing now
            }
            for (BundleCapability capability : wiring.getCapabilities(requirement.getNamespace())) {
                if (requirement.matches(capability)) {
                    return true;
                }
            }
        }
        return false;
    }
}
