/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import io.lightgate.objects.firmware.BundleInfo.Capability;
import io.lightgate.objects.firmware.BundleInfo.Requirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Version;

/**
 * Whether a feature's bundles would resolve in the gateway once it is applied, checked against the
 * running framework before anything is written: the capabilities after the change are those of the
 * running bundles (the system bundle's packages and execution environment among them) without the
 * bundles the feature removes or replaces, plus the feature's own. Every mandatory requirement of a
 * feature bundle must match one of them, and every requirement a remaining bundle is wired to a
 * removed or replaced bundle for must still match one. Not checked: {@code uses} constraints and
 * singletons, which the framework may still refuse; the supervisor's trial and rollback cover that.
 */
final class FeatureCheck {

    private FeatureCheck() {
    }

    /** The symbolic names the feature replaces (an image bundle of the same name) or removes. */
    static Set<String> leaving(FeaturePackage feature, List<RunningBundle> running) {
        Set<String> leaving = new HashSet<>(feature.removes());
        for (BundleInfo b : feature.bundles()) {
            for (RunningBundle r : running) {
                if (r.symbolicName().equals(b.symbolicName())) {
                    leaving.add(b.symbolicName());
                }
            }
        }
        return leaving;
    }

    /** Throws 6 (unsupported package type) naming each bundle and requirement that would not resolve, or a downgrade. */
    static void check(FeaturePackage feature, List<RunningBundle> running) throws GatewayImage.Rejected {
        List<String> problems = new ArrayList<>();
        for (BundleInfo b : feature.bundles()) {
            for (RunningBundle r : running) {
                if (r.symbolicName().equals(b.symbolicName()) && b.version().compareTo(Version.parseVersion(r.version())) < 0) {
                    problems.add(b.describe() + " is older than the running " + r.symbolicName() + " " + r.version()
                            + " (a feature replaces a bundle with a newer version, it does not downgrade)");
                }
            }
        }
        Set<String> leaving = leaving(feature, running);
        List<Capability> after = new ArrayList<>();
        for (RunningBundle r : running) {
            if (!leaving.contains(r.symbolicName())) {
                after.addAll(r.capabilities());
            }
        }
        for (BundleInfo b : feature.bundles()) {
            after.addAll(b.capabilities());
        }
        for (BundleInfo b : feature.bundles()) {
            for (Requirement req : b.requirements()) {
                if (after.stream().noneMatch(req.matcher())) {
                    problems.add("bundle " + b.describe() + " does not resolve: nothing provides " + req.text());
                }
            }
        }
        for (RunningBundle r : running) {
            if (leaving.contains(r.symbolicName())) {
                continue;
            }
            for (RunningBundle.Dependency d : r.dependencies()) {
                if (leaving.contains(d.provider()) && after.stream().noneMatch(d.requirement().matcher())) {
                    problems.add("the running bundle " + r.symbolicName() + " " + r.version() + " needs " + d.requirement().text()
                            + " from " + d.provider() + ", which the feature " + (feature.removes().contains(d.provider()) ? "removes" : "replaces")
                            + " and nothing else provides");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE, feature.describe() + " does not fit this gateway: "
                    + String.join("; ", problems));
        }
    }
}
