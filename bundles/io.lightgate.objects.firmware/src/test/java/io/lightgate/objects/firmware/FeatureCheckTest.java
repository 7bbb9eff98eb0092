/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.objects.firmware.BundleInfo.Requirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading feature packages and checking their bundles against a running framework's capabilities. */
public class FeatureCheckTest {

    private static final String DS = "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FeaturePackage feature(String descriptor, Map<String, byte[]> bundles) throws Exception {
        Path zip = Files.write(tmp.newFile().toPath(), TestFeatures.feature(descriptor, bundles));
        return FeaturePackage.read(zip);
    }

    private static List<RunningBundle> running() throws IOException {
        return List.of(TestFeatures.system(),
                TestFeatures.running(TestFeatures.bundle("io.lightgate.api", "0.1.0",
                        Map.of("Export-Package", "io.lightgate.api;version=\"0.1.0\",io.lightgate.api.object;version=\"0.1.0\""))),
                TestFeatures.running(TestFeatures.bundle("org.apache.felix.scr", "2.2.12",
                        Map.of("Provide-Capability", "osgi.extender;osgi.extender=\"osgi.component\";version:Version=\"1.5\""))));
    }

    private static String refusal(FeaturePackage f, List<RunningBundle> running) {
        try {
            FeatureCheck.check(f, running);
        } catch (GatewayImage.Rejected e) {
            assertEquals("unsupported package type", 6, e.result());
            return e.getMessage();
        }
        fail("the feature was accepted");
        return null;
    }

    @Test
    public void bundlesResolveAgainstTheRunningFrameworkAndEachOther() throws Exception {
        Map<String, byte[]> bundles = new LinkedHashMap<>();
        bundles.put("model.jar", TestFeatures.bundle("feat.model", "1.0.0", Map.of("Export-Package", "com.example.model;version=\"1.2\"",
                "Import-Package", "io.lightgate.api;version=\"[0.1,1)\"")));
        bundles.put("object.jar", TestFeatures.bundle("feat.object", "1.0.0", Map.of(
                "Import-Package", "com.example.model;version=\"[1.2,2)\",io.lightgate.api.object;version=\"[0.1,1)\","
                        + "com.example.extra;resolution:=optional,org.osgi.framework;version=\"[1.8,2)\",java.util",
                "Require-Capability", DS + ",osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\","
                        + "osgi.service;filter:=\"(objectClass=com.example.Nowhere)\";effective:=active")));
        FeaturePackage f = feature("name=demo\nversion=1.0\n", bundles);
        assertEquals("demo", f.name());
        assertEquals(2, f.bundles().size());
        FeatureCheck.check(f, running()); // no exception
    }

    @Test
    public void anImportNothingExportsIsRefusedNamingTheBundleAndTheRequirement() throws Exception {
        FeaturePackage f = feature("name=bad\nversion=1\n", Map.of("x.jar", TestFeatures.bundle("feat.unresolvable", "1.0.0",
                Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""))));
        String message = refusal(f, running());
        assertTrue(message, message.contains("feat.unresolvable 1.0.0 (bundles/x.jar)"));
        assertTrue(message, message.contains("Import-Package: com.example.nowhere;version=\"[1,2)\""));
    }

    @Test
    public void aVersionOutsideTheRangeAndAMissingExtenderAreRefused() throws Exception {
        FeaturePackage f = feature("name=bad\nversion=1\n", Map.of("x.jar", TestFeatures.bundle("feat.x", "1.0.0",
                Map.of("Import-Package", "io.lightgate.api;version=\"[1,2)\"",
                        "Require-Capability", "osgi.extender;filter:=\"(osgi.extender=osgi.cdi)\""))));
        String message = refusal(f, running());
        assertTrue(message, message.contains("io.lightgate.api;version=\"[1,2)\""));
        assertTrue(message, message.contains("osgi.cdi"));
    }

    @Test
    public void removingABundleARunningOneIsWiredToIsRefused() throws Exception {
        RunningBundle user = new RunningBundle("obj.user", "1.0.0", List.of(), List.of(new RunningBundle.Dependency(
                new Requirement(BundleInfo.PACKAGE, "(&(osgi.wiring.package=io.lightgate.api)(version>=0.1.0))", "Import-Package: io.lightgate.api"),
                "io.lightgate.api")));
        List<RunningBundle> running = new java.util.ArrayList<>(running());
        running.add(user);
        FeaturePackage f = feature("name=strip\nversion=1\nremove=io.lightgate.api\n",
                Map.of("x.jar", TestFeatures.bundle("feat.x", "1.0.0", Map.of())));
        String message = refusal(f, running);
        assertTrue(message, message.contains("obj.user"));
        assertTrue(message, message.contains("removes"));

        // a replacement that still exports the package is fine
        FeaturePackage replacing = feature("name=newer-api\nversion=1\n", Map.of("api.jar", TestFeatures.bundle("io.lightgate.api", "0.2.0",
                Map.of("Export-Package", "io.lightgate.api;version=\"0.2.0\",io.lightgate.api.object;version=\"0.2.0\""))));
        FeatureCheck.check(replacing, running);
        assertEquals(java.util.Set.of("io.lightgate.api"), FeatureCheck.leaving(replacing, running));
    }

    @Test
    public void aFeatureDoesNotDowngradeABundle() throws Exception {
        FeaturePackage f = feature("name=old\nversion=1\n", Map.of("api.jar", TestFeatures.bundle("io.lightgate.api", "0.0.9",
                Map.of("Export-Package", "io.lightgate.api;version=\"0.1.0\",io.lightgate.api.object;version=\"0.1.0\""))));
        assertTrue(refusal(f, running()).contains("older than the running io.lightgate.api 0.1.0"));
    }

    @Test
    public void malformedPackagesAreRefusedWithTheResultThatSaysWhy() throws Exception {
        byte[] ok = TestFeatures.bundle("feat.ok", "1.0.0", Map.of());
        assertResult(6, "name=\n", Map.of("a.jar", ok));
        assertResult(6, "name=x\nversion=1\n", Map.of());
        assertResult(6, "name=x\nversion=1\n", Map.of("a.jar", "not a jar".getBytes()));
        assertResult(6, "name=x\nversion=1\n", Map.of("a.jar", TestImages.jar("com.example.Main", null, null, false)));
        assertResult(6, "name=x\nversion=1\n", Map.of("a.jar", TestFeatures.bundle("feat.v", "1.x", Map.of())));
        assertResult(6, "name=x\nversion=1\nremove=feat.ok\n", Map.of("a.jar", ok));
        Map<String, byte[]> twice = new LinkedHashMap<>();
        twice.put("a.jar", ok);
        twice.put("b.jar", ok);
        assertResult(6, "name=x\nversion=1\n", twice);

        byte[] damaged = TestFeatures.feature("name=x\nversion=1\n", Map.of("a.jar", ok));
        flipAfter(damaged, "bundles/a.jar".getBytes(), 10); // inside the bundle's compressed data
        Path zip = Files.write(tmp.newFile().toPath(), damaged);
        try {
            FeaturePackage.read(zip);
            fail("read");
        } catch (GatewayImage.Rejected e) {
            assertEquals(e.getMessage(), 5, e.result());
        }
    }

    @Test
    public void onlyAZipWithTheDescriptorIsAFeature() throws Exception {
        Path image = Files.write(tmp.newFile().toPath(), TestImages.gatewayImage("0.2.0"));
        Path feature = Files.write(tmp.newFile().toPath(), TestFeatures.feature("name=x\nversion=1\n", Map.of()));
        Path text = Files.write(tmp.newFile().toPath(), "feature.properties".getBytes());
        assertFalse(FeaturePackage.isFeature(image));
        assertTrue(FeaturePackage.isFeature(feature));
        assertFalse(FeaturePackage.isFeature(text));
    }

    private void assertResult(int expected, String descriptor, Map<String, byte[]> bundles) throws Exception {
        try {
            feature(descriptor, bundles);
            fail("accepted: " + descriptor + bundles.keySet());
        } catch (GatewayImage.Rejected e) {
            assertEquals(e.getMessage(), expected, e.result());
        }
    }

    private static void flipAfter(byte[] bytes, byte[] marker, int offset) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                bytes[i + marker.length + offset] ^= 0x20;
                return;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
