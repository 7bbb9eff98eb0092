/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A feature package and a gateway image in, a composed gateway image out: real files in a temporary folder. */
public class ImageComposerTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private byte[] api;
    private byte[] objA;
    private Path image;

    @Before
    public void setUp() throws IOException {
        api = TestFeatures.bundle("io.lightgate.api", "0.1.0", Map.of("Export-Package", "io.lightgate.api;version=\"0.1.0\""));
        objA = TestFeatures.bundle("obj.a", "1.0.0", Map.of("Import-Package", "io.lightgate.api;version=\"[0.1,1)\""));
        Map<String, byte[]> bundles = new LinkedHashMap<>();
        bundles.put("jar/io.lightgate.api-0.1.0.jar", api);
        bundles.put("jar/obj.a-1.0.0.jar", objA);
        image = write("current.jar", TestFeatures.image("0.1.0", bundles));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.getRoot().toPath().resolve(name), bytes);
    }

    private Path compose(Path base, Path featureZip, String out) throws Exception {
        Path composed = tmp.getRoot().toPath().resolve(out);
        ImageComposer.compose(base, featureZip, FeaturePackage.read(featureZip), composed);
        return composed;
    }

    @Test
    public void aFeatureAddsANewBundleAndReplacesOneWithTheSameSymbolicNameInPlace() throws Exception {
        byte[] objA2 = TestFeatures.bundle("obj.a", "1.1.0", Map.of("Import-Package", "io.lightgate.api"));
        byte[] objB = TestFeatures.bundle("obj.b", "2.0.0", Map.of());
        Map<String, byte[]> bundles = new LinkedHashMap<>();
        bundles.put("a.jar", objA2);
        bundles.put("b.jar", objB);
        Path feature = write("feature.zip", TestFeatures.feature("name=demo\nversion=2.0\n", bundles));

        Path composed = compose(image, feature, "composed.jar");

        GatewayImage verified = GatewayImage.verify(composed);
        assertEquals("Lightgate gateway", verified.name());
        assertEquals("0.1.0+demo-2.0", verified.version());
        Properties launcher = launcher(composed);
        assertEquals("jar/io.lightgate.api-0.1.0.jar,jar/obj.a-1.1.0.jar,jar/obj.b-2.0.0.jar", launcher.getProperty("launch.bundles"));
        List<ManifestHeader.Clause> attrs = ManifestHeader.parse(launcher.getProperty("launch.runbundles.attrs"));
        assertEquals(2, attrs.size());
        assertEquals("io.lightgate.api", attrs.get(0).paths().get(0));
        assertEquals("10", attrs.get(0).attribute("startlevel"));
        assertEquals("the replacement keeps the start level", "obj.a", attrs.get(1).paths().get(0));
        assertEquals("1.1.0", attrs.get(1).attribute("version"));
        assertEquals("11", attrs.get(1).attribute("startlevel"));
        assertEquals("the other launcher settings stay", "12", launcher.getProperty("launch.startlevel.default"));
        try (ZipFile zip = new ZipFile(composed.toFile())) {
            assertNull("the replaced bundle is gone", zip.getEntry("jar/obj.a-1.0.0.jar"));
            assertArrayEquals(objA2, bytes(zip, "jar/obj.a-1.1.0.jar"));
            assertArrayEquals(objB, bytes(zip, "jar/obj.b-2.0.0.jar"));
            assertArrayEquals(api, bytes(zip, "jar/io.lightgate.api-0.1.0.jar"));
            assertArrayEquals(TestImages.FRAMEWORK_BYTES, bytes(zip, "jar/framework.jar"));
        }
        try (JarFile jar = new JarFile(composed.toFile())) {
            var main = jar.getManifest().getMainAttributes();
            assertEquals("demo;version=\"2.0\"", main.getValue(ImageComposer.FEATURES_HEADER));
            assertEquals("0.1.0", main.getValue(ImageComposer.BASE_VERSION_HEADER));
            assertEquals(GatewayImage.LAUNCHER, main.getValue("Main-Class"));
            assertEquals("jar/framework.jar", main.getValue("Embedded-Runpath"));
        }
        assertEquals(List.of("io.lightgate.api", "obj.a", "obj.b"),
                ImageComposer.bundles(composed).stream().map(ImageComposer.ImageBundle::symbolicName).toList());
    }

    @Test
    public void aFeatureRemovesTheBundlesItNamesAndFeaturesAddUpInTheVersion() throws Exception {
        byte[] objC = TestFeatures.bundle("obj.c", "1.0.0", Map.of());
        Path first = write("first.zip", TestFeatures.feature("name=c\nversion=1\n", Map.of("c.jar", objC)));
        Path once = compose(image, first, "once.jar");
        Path second = write("second.zip", TestFeatures.feature("name=no-a\nversion=3\nremove=obj.a\n",
                Map.of("d.jar", TestFeatures.bundle("obj.d", "1.0.0", Map.of()))));

        Path twice = compose(once, second, "twice.jar");

        assertEquals("0.1.0+c-1+no-a-3", GatewayImage.verify(twice).version());
        Properties launcher = launcher(twice);
        assertEquals("jar/io.lightgate.api-0.1.0.jar,jar/obj.c-1.0.0.jar,jar/obj.d-1.0.0.jar", launcher.getProperty("launch.bundles"));
        assertTrue(launcher.getProperty("launch.runbundles.attrs"), !launcher.getProperty("launch.runbundles.attrs").contains("obj.a"));
        try (ZipFile zip = new ZipFile(twice.toFile())) {
            assertNull(zip.getEntry("jar/obj.a-1.0.0.jar"));
        }

        // a newer version of a feature replaces the older one in the version, it does not add up
        Path third = write("third.zip", TestFeatures.feature("name=c\nversion=2\n",
                Map.of("c.jar", TestFeatures.bundle("obj.c", "1.1.0", Map.of()))));
        assertEquals("0.1.0+no-a-3+c-2", GatewayImage.verify(compose(twice, third, "thrice.jar")).version());
    }

    @Test
    public void aRunningJarThatIsNoGatewayImageCannotBeComposedWith() throws Exception {
        Path notAnImage = write("plain.jar", TestImages.jar("com.example.Main", null, null, true));
        Path feature = write("feature.zip", TestFeatures.feature("name=x\nversion=1\n",
                Map.of("x.jar", TestFeatures.bundle("x", "1.0.0", Map.of()))));
        try {
            compose(notAnImage, feature, "out.jar");
            fail("composed");
        } catch (GatewayImage.Rejected e) {
            assertEquals(6, e.result());
        }
    }

    private static Properties launcher(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("launcher.properties"))) {
            Properties p = new Properties();
            p.load(in);
            return p;
        }
    }

    private static byte[] bytes(ZipFile zip, String entry) throws IOException {
        assertTrue(entry + " is in the image", zip.getEntry(entry) != null);
        try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return in.readAllBytes();
        }
    }
}
