/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

public class ConfigValidationTest {

    private static AttributeDefinition ad(String id, int type, int cardinality, String[] options, String[] defaults) {
        return new AttributeDefinition() {
            @Override public String getName() { return id; }
            @Override public String getID() { return id; }
            @Override public String getDescription() { return ""; }
            @Override public int getCardinality() { return cardinality; }
            @Override public int getType() { return type; }
            @Override public String[] getOptionValues() { return options; }
            @Override public String[] getOptionLabels() { return options; }
            @Override public String validate(String value) { return null; }
            @Override public String[] getDefaultValue() { return defaults; }
        };
    }

    private static final AttributeDefinition ID = ad("short.server.id", AttributeDefinition.INTEGER, 0, null, new String[] { "1" });
    private static final AttributeDefinition URI = ad("uri", AttributeDefinition.STRING, 0, null, null);
    private static final AttributeDefinition BINDING = ad("binding", AttributeDefinition.STRING, 0, new String[] { "U", "UQ" }, new String[] { "U" });
    private static final AttributeDefinition SERVERS = ad("servers", AttributeDefinition.STRING, -3, null, null);
    private static final AttributeDefinition ON = ad("enabled", AttributeDefinition.BOOLEAN, 0, null, new String[] { "true" });

    private static ConfigForms.Form form() {
        AttributeDefinition[] all = { ID, URI, BINDING, SERVERS, ON };
        ObjectClassDefinition ocd = new ObjectClassDefinition() {
            @Override public String getName() { return "Server"; }
            @Override public String getID() { return "ocd"; }
            @Override public String getDescription() { return ""; }
            @Override public AttributeDefinition[] getAttributeDefinitions(int filter) {
                return filter == ObjectClassDefinition.OPTIONAL ? new AttributeDefinition[0] : all;
            }
            @Override public InputStream getIcon(int size) { return null; }
        };
        return new ConfigForms.Form("io.lightgate.lwm2m.server", true, null, ocd,
                Map.of("short.server.id", new MetatypeRanges.Range("1", "65534")));
    }

    private static Optional<String> check(AttributeDefinition ad, MetatypeRanges.Range range, String... values) {
        return ConfigValidation.problem(ad, range, List.of(values));
    }

    @Test
    public void typesRangesOptionsAndCardinalityAreNamed() {
        MetatypeRanges.Range range = new MetatypeRanges.Range("1", "65534");
        assertEquals(Optional.empty(), check(ID, range, "7"));
        assertEquals(Optional.of("must be at least 1"), check(ID, range, "0"));
        assertEquals(Optional.of("must be at most 65534"), check(ID, range, "65535"));
        assertEquals(Optional.of("must be a whole number from -2147483648 to 2147483647"), check(ID, range, "five"));
        assertEquals(Optional.of("must be one of U, UQ"), check(BINDING, MetatypeRanges.Range.NONE, "T"));
        assertEquals(Optional.of("must be true or false"), check(ON, MetatypeRanges.Range.NONE, "yes"));
        assertEquals(Optional.of("takes a single value"), check(ID, range, "1", "2"));
        assertEquals(Optional.of("takes at most 3 values"), check(SERVERS, MetatypeRanges.Range.NONE, "a", "b", "c", "d"));
        assertEquals(Optional.empty(), check(SERVERS, MetatypeRanges.Range.NONE, "a", "b", "c"));
    }

    @Test
    public void aRequiredSettingWithoutDefaultMustBeGivenOrInTheFile() {
        ConfigForms.Form form = form();
        Map<String, List<String>> changes = new HashMap<>();
        changes.put("short.server.id", List.of("0"));
        changes.put("unknown", List.of("x"));
        Map<String, String> problems = ConfigForms.problems(form, changes, List.of());
        assertEquals(Map.of("short.server.id", "must be at least 1", "unknown", "is not a setting of io.lightgate.lwm2m.server",
                "uri", "is required"), problems);
        assertEquals(Map.of(), ConfigForms.problems(form, Map.of("short.server.id", List.of("2")), List.of("uri")));
        Map<String, List<String>> removal = new HashMap<>();
        removal.put("uri", null);
        assertEquals(Map.of("uri", "is required"), ConfigForms.problems(form, removal, List.of("uri")));
    }
}
