/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResponseCode;
import io.lightgate.lwm2m.codec.LinkFormat.ObjectEntry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.link.lwm2m.MixedLwM2mLink;
import org.junit.Test;

public class LinkFormatTest {

    private static Map<Integer, ObjectEntry> registry() {
        Map<Integer, ObjectEntry> objects = new HashMap<>();
        objects.put(3303, ObjectEntry.of("1.1", List.of(1, 0)));
        objects.put(0, ObjectEntry.of("1.1", List.of(0, 1)));
        objects.put(3, ObjectEntry.of(null, List.of(0)));
        objects.put(1, ObjectEntry.of("1.0", List.of(0)));
        return objects;
    }

    /** Parses with leshan's LwM2M-aware parser, which validates LwM2M attributes. */
    private static Link[] parse(String links) throws Exception {
        return new DefaultLwM2mLinkParser().parseCoreLinkFormat(links.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ register

    @Test
    public void registrationPayload() throws Exception {
        String payload = LinkFormat.registration(registry());
        assertEquals("</>;rt=\"oma.lwm2m\";ct=\"0 42 60 110 112 11542 11543\",</1/0>,</3/0>,</3303>;ver=1.1,"
                + "</3303/0>,</3303/1>", payload);
        assertEquals(6, parse(payload).length);
    }

    @Test
    public void securityAndOscoreAreNeverRegistered() {
        Map<Integer, ObjectEntry> objects = new TreeMap<>();
        objects.put(0, ObjectEntry.of(null, List.of(0)));
        objects.put(21, ObjectEntry.of(null, List.of(0)));
        objects.put(1, ObjectEntry.of(null, List.of(0)));
        assertEquals("</>;rt=\"oma.lwm2m\",</1/0>", LinkFormat.registration("/", objects, List.of()));
    }

    @Test
    public void objectWithoutInstancesAppearsAsObjectLink() {
        Map<Integer, ObjectEntry> objects = new TreeMap<>();
        objects.put(5, ObjectEntry.of(null, List.of()));
        objects.put(3442, ObjectEntry.of("1.1", Set.of()));
        assertEquals("</>;rt=\"oma.lwm2m\";ct=11543,</5>,</3442>;ver=1.1",
                LinkFormat.registration("/", objects, List.of(11543)));
    }

    @Test
    public void alternateRootPath() throws Exception {
        Map<Integer, ObjectEntry> objects = Map.of(3, ObjectEntry.of("1.2", List.of(0)));
        String payload = LinkFormat.registration("/lwm2m/", objects, List.of(112, 11542));
        assertEquals("</lwm2m>;rt=\"oma.lwm2m\";ct=\"112 11542\",</lwm2m/3>;ver=1.2,</lwm2m/3/0>", payload);
        assertEquals(3, parse(payload).length);
    }

    @Test
    public void invalidVersionIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LinkFormat.registration(Map.of(3, ObjectEntry.of("1.x", List.of(0)))));
    }

    @Test
    public void defaultVersionsOfCoreObjects() {
        assertTrue(LinkFormat.isDefaultVersion(3, "1.1", "1.1"));
        assertFalse(LinkFormat.isDefaultVersion(3, "1.2", "1.1"));
        assertFalse(LinkFormat.isDefaultVersion(3, "1.1", "1.0"));
        assertTrue(LinkFormat.isDefaultVersion(3, "1.0", "1.0"));
        assertTrue(LinkFormat.isDefaultVersion(4, "1.2", "1.1"));
        assertTrue(LinkFormat.isDefaultVersion(3303, "1.0", "1.1"));
        assertTrue(LinkFormat.isDefaultVersion(3303, null, "1.1"));
        assertFalse(LinkFormat.isDefaultVersion(3303, "1.1", "1.1"));
        // an enabler version leshan does not know: only 1.0 is default
        assertTrue(LinkFormat.isDefaultVersion(3, "1.0", "1.2"));
        assertFalse(LinkFormat.isDefaultVersion(3, "1.1", "1.2"));
    }

    // ------------------------------------------------------------------ discover

    /** Device instance 0: 0, 1 single; 6 and 7 with two instances; 11 multi with unknown instances. */
    private static Map<Integer, Map<Integer, List<Integer>>> deviceShape() {
        Map<Integer, List<Integer>> resources = new LinkedHashMap<>();
        resources.put(7, List.of(0, 1));
        resources.put(0, null);
        resources.put(1, null);
        resources.put(6, List.of(1, 0));
        resources.put(11, null);
        return Map.of(0, resources);
    }

    private static Map<LwM2mPath, Map<String, String>> attributes() {
        Map<LwM2mPath, Map<String, String>> attributes = new HashMap<>();
        attributes.put(LwM2mPath.of(3), Map.of("pmin", "10"));
        attributes.put(LwM2mPath.of(3, 0), Map.of("pmax", "60"));
        Map<String, String> onResource = new LinkedHashMap<>();
        onResource.put("lt", "42.2");
        onResource.put("gt", "50");
        attributes.put(LwM2mPath.of(3, 0, 7), onResource);
        attributes.put(LwM2mPath.of(3, 0, 7, 1), Map.of("st", "1"));
        return attributes;
    }

    @Test
    public void discoverObject() throws Exception {
        String payload = LinkFormat.discover(LwM2mPath.of(3), "1.2", deviceShape(), attributes());
        assertEquals("</3>;ver=1.2;pmin=10,</3/0>;pmax=60,</3/0/0>,</3/0/1>,</3/0/6>;dim=2,"
                + "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/11>", payload);
        Link[] links = parse(payload);
        assertEquals(7, links.length);
        assertEquals("/3/0/7", ((MixedLwM2mLink) links[5]).getPath().toString());
        assertEquals("2", links[5].getAttributes().get("dim").getCoreLinkValue());
    }

    @Test
    public void discoverObjectWithoutVersionOrAttributes() {
        assertEquals("</3>,</3/0>,</3/0/0>,</3/0/1>,</3/0/6>;dim=2,</3/0/7>;dim=2,</3/0/11>",
                LinkFormat.discover(LwM2mPath.of(3), "1.0", deviceShape(), Map.of()));
        assertEquals("</3303>", LinkFormat.discover(LwM2mPath.of(3303), null, Map.of(), null));
    }

    @Test
    public void discoverInstance() throws Exception {
        String payload = LinkFormat.discover(LwM2mPath.of(3, 0), "1.2", deviceShape(), attributes());
        assertEquals("</3/0>;pmax=60,</3/0/0>,</3/0/1>,</3/0/6>;dim=2,</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/11>", payload);
        assertEquals(6, parse(payload).length);
    }

    @Test
    public void discoverResourceShowsInheritedAttributesAndResourceInstances() throws Exception {
        String payload = LinkFormat.discover(LwM2mPath.of(3, 0, 7), "1.2", deviceShape(), attributes());
        assertEquals("</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;st=1", payload);
        assertEquals(3, parse(payload).length);
        // the resource's own attribute wins over the inherited one
        Map<LwM2mPath, Map<String, String>> attrs = new HashMap<>(attributes());
        attrs.put(LwM2mPath.of(3, 0, 1), Map.of("pmin", "5"));
        assertEquals("</3/0/1>;pmin=5;pmax=60", LinkFormat.discover(LwM2mPath.of(3, 0, 1), null, deviceShape(), attrs));
    }

    @Test
    public void discoverDepth() {
        assertEquals("</3>;ver=1.2;pmin=10",
                LinkFormat.discover(LwM2mPath.of(3), "1.2", deviceShape(), attributes(), 0));
        assertEquals("</3>;pmin=10,</3/0>;pmax=60",
                LinkFormat.discover(LwM2mPath.of(3), null, deviceShape(), attributes(), 1));
        assertEquals("</3>,</3/0>,</3/0/0>,</3/0/1>,</3/0/6>;dim=2,</3/0/6/0>,</3/0/6/1>,</3/0/7>;dim=2,"
                + "</3/0/7/0>,</3/0/7/1>,</3/0/11>",
                LinkFormat.discover(LwM2mPath.of(3), null, deviceShape(), Map.of(), 3));
        assertEquals("</3/0/6>;dim=2", LinkFormat.discover(LwM2mPath.of(3, 0, 6), null, deviceShape(), Map.of(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> LinkFormat.discover(LwM2mPath.of(3), null, deviceShape(), Map.of(), 4));
    }

    @Test
    public void discoverOfMissingInstanceOrResourceIs404() {
        LwM2mException e = assertThrows(LwM2mException.class,
                () -> LinkFormat.discover(LwM2mPath.of(3, 1), null, deviceShape(), Map.of()));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
        e = assertThrows(LwM2mException.class,
                () -> LinkFormat.discover(LwM2mPath.of(3, 0, 2), null, deviceShape(), Map.of()));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
        assertThrows(IllegalArgumentException.class,
                () -> LinkFormat.discover(LwM2mPath.ROOT, null, deviceShape(), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> LinkFormat.discover(LwM2mPath.of(3, 0, 6, 0), null, deviceShape(), Map.of()));
    }

    @Test
    public void attributeValuesAreQuotedWhenNeeded() {
        Map<LwM2mPath, Map<String, String>> attrs = Map.of(LwM2mPath.of(3), Map.of("title", "my \"device\"",
                "edge", ""));
        assertEquals("</3>;edge;title=\"my \\\"device\\\"\"",
                LinkFormat.discover(LwM2mPath.of(3), null, Map.of(), attrs));
    }
}
