/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.rooms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The build check over the real manifests: every bundle built before this module is in a room
 * and imports only what its room allows (cnf/rooms.txt); the picture in docs/architecture.md is
 * the one those manifests give.
 */
public class RoomsCheckTest {

    private static Path root;
    private static Rules rules;
    private static List<BundleManifest> built;

    @BeforeClass
    public static void read() throws Exception {
        root = Path.of(System.getProperty("lightgate.root", "..")).toAbsolutePath().normalize();
        rules = Rules.parse(Files.readString(root.resolve(Rules.FILE)));
        built = BundleManifest.built(root);
    }

    @Test
    public void theBundlesAreBuilt() {
        assertTrue("no built bundle under " + root + "/bundles: build the bundles before this module (mvn -B -o verify from the root)",
                built.stream().anyMatch(b -> b.symbolicName().equals("io.lightgate.api")));
    }

    @Test
    public void everyBundleImportsOnlyWhatItsRoomAllows() {
        List<String> violations = rules.check(built);
        assertTrue(violations.size() + " room violation(s):\n  " + String.join("\n  ", violations), violations.isEmpty());
    }

    @Test
    public void thePictureInDocsIsTheOneTheManifestsGive() throws Exception {
        Path doc = root.resolve("docs/architecture.md");
        String text = Files.readString(doc);
        String current = Diagram.replaceIn(text, Diagram.mermaid(rules, built));
        if (Boolean.parseBoolean(System.getProperty("rooms.write", "false"))) {
            Files.writeString(doc, current);
            return;
        }
        assertFalse("the picture is empty", Diagram.mermaid(rules, built).isBlank());
        assertEquals(doc + " shows another picture than the built manifests: regenerate it with"
                + " 'mvn -B -o verify -pl rooms -Drooms.write' (after building the bundles) and commit it", current, text);
    }
}
