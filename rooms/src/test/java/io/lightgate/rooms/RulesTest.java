/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.rooms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;
import org.junit.Test;

/** The check itself, fed with made-up bundles: it must fail on a forbidden import and on a bundle in no room. */
public class RulesTest {

    private static final Rules RULES = Rules.parse("""
            room * java.* org.jspecify.annotations
            room spi
            room objects @spi org.osgi.framework org.slf4j
            room engine @spi org.eclipse.californium.*
            bundle api spi
            bundle objects.device objects   # a comment
            bundle lwm2m engine
            library Californium org.eclipse.californium.*
            """);

    private static final BundleManifest API = new BundleManifest("api", Set.of("java.util"), Set.of("io.lightgate.api"));

    @Test
    public void allowedImportsPass() {
        BundleManifest device = new BundleManifest("objects.device",
                Set.of("io.lightgate.api", "java.util", "org.osgi.framework", "org.slf4j", "org.jspecify.annotations"), Set.of());
        BundleManifest engine = new BundleManifest("lwm2m", Set.of("io.lightgate.api", "org.eclipse.californium.core",
                "org.eclipse.californium.core.network", "io.lightgate.lwm2m.status"), Set.of("io.lightgate.lwm2m.status"));
        assertEquals(List.of(), RULES.check(List.of(API, device, engine)));
    }

    @Test
    public void aForbiddenImportFailsNamingBundlePackageAndRule() {
        BundleManifest device = new BundleManifest("objects.device", Set.of("io.lightgate.api", "org.eclipse.californium.core"), Set.of());
        List<String> violations = RULES.check(List.of(API, device));
        assertEquals(violations.toString(), 1, violations.size());
        String v = violations.get(0);
        assertTrue(v, v.contains("objects.device") && v.contains("org.eclipse.californium.core")
                && v.contains("'room objects @spi org.osgi.framework org.slf4j'") && v.contains(Rules.FILE));
    }

    @Test
    public void aPackageOfAnotherRoomsBundleIsForbiddenUnlessTheRoomIsNamed() {
        // the SPI may not import the engine's exports; objects may not either
        BundleManifest engine = new BundleManifest("lwm2m", Set.of(), Set.of("io.lightgate.lwm2m.status"));
        BundleManifest api = new BundleManifest("api", Set.of("io.lightgate.lwm2m.status"), Set.of("io.lightgate.api"));
        List<String> violations = RULES.check(List.of(api, engine));
        assertEquals(violations.toString(), 1, violations.size());
        assertTrue(violations.get(0), violations.get(0).contains("exported by lwm2m, room engine"));
    }

    @Test
    public void aBundleInNoRoomFailsNamingItAndTheFile() {
        BundleManifest newcomer = new BundleManifest("io.lightgate.opcua.server", Set.of("io.lightgate.api"), Set.of());
        List<String> violations = RULES.check(List.of(API, newcomer));
        assertEquals(violations.toString(), 1, violations.size());
        assertTrue(violations.get(0), violations.get(0).contains("io.lightgate.opcua.server is in no room")
                && violations.get(0).contains("'bundle io.lightgate.opcua.server <room>'") && violations.get(0).contains(Rules.FILE));
    }

    @Test
    public void brokenRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("bundle a nowhere\n"));
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("room a @nowhere\n"));
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("room a\nbundle x a\nbundle x a\n"));
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("rooms a\n"));
    }

    @Test
    public void patterns() {
        assertTrue(Rules.matches("org.eclipse.californium.*", "org.eclipse.californium"));
        assertTrue(Rules.matches("org.eclipse.californium.*", "org.eclipse.californium.core.network"));
        assertTrue(!Rules.matches("org.eclipse.californium.*", "org.eclipse.californiumx"));
        assertTrue(!Rules.matches("org.osgi.framework", "org.osgi.framework.wiring"));
        assertTrue(Rules.matches("*", "anything"));
    }

    @Test
    public void manifestHeadersAreReadWithTheirQuotedCommas() throws Exception {
        String mf = "Manifest-Version: 1.0\r\nBundle-SymbolicName: x.y;singleton:=true\r\n"
                + "Import-Package: a.b;version=\"[1.0,2)\",c.d;resolution:=optional,e;f;version=\"[1,\r\n 2)\"\r\n"
                + "Export-Package: x.y;uses:=\"a.b,c.d\";version=\"1.0.0\"\r\n\r\n";
        BundleManifest m = BundleManifest.of(new Manifest(new ByteArrayInputStream(mf.getBytes(StandardCharsets.UTF_8))));
        assertEquals("x.y", m.symbolicName());
        assertEquals(Set.of("a.b", "c.d", "e", "f"), m.imports());
        assertEquals(Set.of("x.y"), m.exports());
    }

    @Test
    public void thePictureDrawsRoomsAndOneWayArrows() {
        BundleManifest engine = new BundleManifest("lwm2m", Set.of("io.lightgate.api", "org.eclipse.californium.core", "org.slf4j"), Set.of());
        String picture = Diagram.mermaid(RULES, List.of(API, engine));
        assertTrue(picture, picture.contains("subgraph room_engine [engine]\n    lwm2m[lwm2m]\n  end"));
        assertTrue(picture, picture.contains("lwm2m --> api"));
        assertTrue(picture, picture.contains("lwm2m --> lib_Californium"));
        assertTrue("SLF4J is not drawn: " + picture, !picture.contains("slf4j"));
    }

    @Test
    public void theRealRulesParse() throws Exception {
        Path root = Path.of(System.getProperty("lightgate.root", "..")).toAbsolutePath().normalize();
        Rules real = Rules.parse(Files.readString(root.resolve(Rules.FILE)));
        assertTrue(real.roomOf("io.lightgate.api").isPresent());
    }
}
