/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.LoggerFactory;

/**
 * Installs a package into the running framework only when it resolves there: a bundle whose
 * requirements the framework cannot meet is uninstalled again at once, so a refused package
 * leaves the framework as it was.
 */
final class BundleInstaller {

    /** Locations of bundles installed through object 9 start with this, followed by the instance id. */
    static final String LOCATION_PREFIX = "lightgate:software/";

    private final BundleContext context;
    private final FrameworkWiring wiring;

    BundleInstaller(BundleContext context) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    static String location(int instanceId) {
        return LOCATION_PREFIX + instanceId;
    }

    /** The bundle installed for an instance in this framework, if any (the cache may have kept it). */
    Bundle installed(int instanceId) {
        return context.getBundle(location(instanceId));
    }

    /**
     * Bundles installed through object 9 for instances not in {@code known}: the framework cache is
     * kept between starts of one gateway jar, and it can hold a package that data/software/ no longer
     * has (e.g. the gateway was stopped between the two, or data/ was reset).
     */
    List<Bundle> installedExcept(Set<Integer> known) {
        List<Bundle> others = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location.startsWith(LOCATION_PREFIX)) {
                String id = location.substring(LOCATION_PREFIX.length());
                if (!id.chars().allMatch(Character::isDigit) || id.isEmpty() || !known.contains(Integer.parseInt(id))) {
                    others.add(b);
                }
            }
        }
        return others;
    }

    /** Installs and resolves a package, or refuses it with Update Result 58 and the framework's reason. */
    Bundle install(int instanceId, byte[] pkg) throws PackageRejected {
        Bundle bundle;
        try {
            bundle = context.installBundle(location(instanceId), new ByteArrayInputStream(pkg));
        } catch (BundleException | SecurityException | IllegalStateException e) {
            throw new PackageRejected(UpdateResult.INSTALLATION_FAILURE, "the framework refused the bundle: " + e.getMessage(), e);
        }
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            uninstallQuietly(bundle);
            throw new PackageRejected(UpdateResult.INSTALLATION_FAILURE,
                    "the bundle is a fragment (Fragment-Host), which cannot be activated on its own; deliver a bundle that can start");
        }
        if (!wiring.resolveBundles(List.of(bundle))) {
            String why = UnmetRequirements.describe(bundle, context);
            uninstallQuietly(bundle);
            throw new PackageRejected(UpdateResult.INSTALLATION_FAILURE, "the bundle " + bundle.getSymbolicName()
                    + " does not resolve in this gateway, so it was not installed: " + why);
        }
        return bundle;
    }

    void uninstall(Bundle bundle) throws BundleException {
        bundle.uninstall();
        // the packages it exported (and bundles wired to them) are let go now, not at the next refresh
        wiring.refreshBundles(List.of(bundle));
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LoggerFactory.getLogger(BundleInstaller.class).warn(
                    "Could not uninstall the refused bundle {} ({}): uninstall it from the shell", bundle, e.toString());
        }
    }
}
