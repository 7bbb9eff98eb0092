/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Test;

public class DdfParserTest {

    /**
     * The OMA registry's DDF files: {@code <clone>/../shared/lwm2m-registry}, i.e. three levels
     * up from this module's folder (the test's working directory), unless the system property
     * {@code lightgate.registry.dir} names another folder.
     */
    static Path registryDir() {
        String configured = System.getProperty("lightgate.registry.dir");
        Path dir = configured == null || configured.isBlank()
                ? Path.of("../../../shared/lwm2m-registry")
                : Path.of(configured);
        dir = dir.toAbsolutePath().normalize();
        assertTrue("the OMA registry folder " + dir + " does not exist (set -Dlightgate.registry.dir)", Files.isDirectory(dir));
        return dir;
    }

    private final DdfParser parser = new DdfParser();

    private List<ObjectModel> parse(Path file) throws IOException, DdfParser.DdfException {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in);
        }
    }

    private ObjectModel parseOne(Path file) throws Exception {
        List<ObjectModel> models = parse(file);
        assertEquals(file + " defines one object", 1, models.size());
        return models.get(0);
    }

    private ObjectModel registryModel(int objectId) throws Exception {
        return parseOne(registryDir().resolve(objectId + ".xml"));
    }

    private List<ObjectModel> parseResource(String name) throws Exception {
        try (InputStream in = DdfParserTest.class.getResourceAsStream("/ddf/" + name)) {
            assertNotNull("test resource ddf/" + name, in);
            return parser.parse(in);
        }
    }

    private DdfParser.DdfException refused(String resource) {
        return assertThrows(resource, DdfParser.DdfException.class, () -> parseResource(resource));
    }

    private DdfParser.DdfException refusedText(String xml) {
        return assertThrows(DdfParser.DdfException.class,
                () -> parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    private static void assertContains(String message, String expected) {
        assertTrue("'" + message + "' should contain '" + expected + "'", message.contains(expected));
    }

    // ---- the OMA registry ------------------------------------------------------------------

    /** Every object definition file ({@code <id>.xml}) of the registry parses, and defines the object its name says. */
    @Test
    public void parsesEveryObjectOfTheOmaRegistry() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(registryDir())) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d+\\.xml")).sorted().toList();
        }
        assertTrue("expected the full registry, found " + files.size() + " object files", files.size() >= 300);
        Map<String, String> failures = new TreeMap<>();
        int resources = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                List<ObjectModel> models = parse(file);
                if (models.size() != 1) {
                    failures.put(name, models.size() + " objects");
                    continue;
                }
                ObjectModel m = models.get(0);
                if (!name.equals(m.id() + ".xml")) {
                    failures.put(name, "defines object " + m.id());
                }
                if (m.name().isBlank()) {
                    failures.put(name, "has no name");
                }
                resources += m.resources().size();
            } catch (DdfParser.DdfException | RuntimeException e) {
                failures.put(name, e.toString());
            }
        }
        assertEquals("files that do not parse", Map.of(), failures);
        assertTrue("resources in the registry: " + resources, resources > 3000);
    }

    /** Files that a strict (schema-validating) parser such as leshan's rejects. */
    @Test
    public void acceptsFilesThatDoNotPassTheSchema() throws Exception {
        for (int id : new int[] { 1, 20, 23, 24, 26, 27, 509, 510, 511, 3421, 3422, 10482 }) {
            ObjectModel m = registryModel(id);
            assertEquals(id, m.id());
            assertFalse(id + ".xml has resources", m.resources().isEmpty());
        }
    }

    /** 10482.xml gives a readable resource no type: the object is kept, the resource has type NONE. */
    @Test
    public void acceptsReadableResourceWithoutType() throws Exception {
        ObjectModel m = registryModel(10482);
        ResourceModel readData = m.resource(5).orElseThrow();
        assertEquals("Read data", readData.name());
        assertEquals(Operations.R, readData.operations());
        assertEquals(ResourceType.NONE, readData.type());
        assertEquals(ResourceType.STRING, m.resource(6).orElseThrow().type());
        assertEquals(12, m.resources().size());
    }

    /** The registry folder also holds documents that are not object definitions; they are refused, not misread. */
    @Test
    public void refusesTheRegistrysOtherDocuments() throws Exception {
        Path ddfList = registryDir().resolve("DDF.xml");
        if (Files.exists(ddfList)) {
            DdfParser.DdfException e = assertThrows(DdfParser.DdfException.class, () -> parse(ddfList));
            assertContains(e.getMessage(), "root element is <DDFList>, expected <LWM2M>");
        }
        Path common = registryDir().resolve("Common.xml"); // reusable resources: an <Object> without ObjectID
        if (Files.exists(common)) {
            DdfParser.DdfException e = assertThrows(DdfParser.DdfException.class, () -> parse(common));
            assertContains(e.getMessage(), "<ObjectID>");
        }
    }

    @Test
    public void device() throws Exception {
        ObjectModel device = registryModel(3);
        assertEquals(3, device.id());
        assertEquals("Device", device.name());
        assertEquals("1.2", device.version());
        assertFalse(device.multiple());
        assertTrue(device.mandatory());
        ResourceModel reboot = device.resource(4).orElseThrow();
        assertEquals("Reboot", reboot.name());
        assertEquals(Operations.E, reboot.operations());
        assertEquals(ResourceType.NONE, reboot.type());
        assertTrue(reboot.mandatory());
        ResourceModel time = device.resource(13).orElseThrow();
        assertEquals("Current Time", time.name());
        assertEquals(ResourceType.TIME, time.type());
        assertEquals(Operations.RW, time.operations());
        assertFalse(time.multiple());
        assertFalse(time.mandatory());
        ResourceModel errorCode = device.resource(11).orElseThrow();
        assertTrue(errorCode.multiple());
        assertEquals(ResourceType.INTEGER, errorCode.type());
    }

    @Test
    public void temperature() throws Exception {
        ObjectModel temperature = registryModel(3303);
        assertEquals("Temperature", temperature.name());
        assertTrue(temperature.multiple());
        assertFalse(temperature.mandatory());
        ResourceModel value = temperature.resource(5700).orElseThrow();
        assertEquals("Sensor Value", value.name());
        assertEquals(ResourceType.FLOAT, value.type());
        assertEquals(Operations.R, value.operations());
        assertEquals(Operations.E, temperature.resource(5605).orElseThrow().operations());
    }

    @Test
    public void server() throws Exception {
        ObjectModel server = registryModel(1);
        assertEquals("LwM2M Server", server.name());
        assertTrue(server.multiple());
        ResourceModel lifetime = server.resource(1).orElseThrow();
        assertEquals("Lifetime", lifetime.name());
        assertEquals(ResourceType.INTEGER, lifetime.type());
        assertEquals(Operations.RW, lifetime.operations());
        assertEquals("s", lifetime.units());
        ResourceModel shortServerId = server.resource(0).orElseThrow();
        assertEquals(ResourceType.INTEGER, shortServerId.type());
        assertEquals("1..65534", shortServerId.range());
    }

    // ---- a complete small file -------------------------------------------------------------

    @Test
    public void readsEveryField() throws Exception {
        List<ObjectModel> models = parseResource("minimal.xml");
        assertEquals(1, models.size());
        ObjectModel m = models.get(0);
        assertEquals(32005, m.id());
        assertEquals("Minimal", m.name());
        assertEquals(ObjectModel.DEFAULT_VERSION, m.version()); // no <ObjectVersion>
        assertEquals("1.1", m.lwm2mVersion());
        assertEquals("urn:oma:lwm2m:x:32005", m.urn());
        assertEquals("A minimal but complete object", m.description());
        assertFalse(m.multiple());
        assertTrue(m.mandatory());
        assertEquals(List.of(0, 1, 2), new ArrayList<>(m.resources().keySet()));
        ResourceModel reading = m.resource(0).orElseThrow();
        assertEquals(new ResourceModel(0, "Reading", Operations.R, false, true, ResourceType.FLOAT, "", "Cel", "test"), reading);
        ResourceModel reset = m.resource(1).orElseThrow();
        assertEquals(Operations.E, reset.operations());
        assertEquals("an executable's type is ignored", ResourceType.NONE, reset.type());
        ResourceModel labels = m.resource(2).orElseThrow();
        assertTrue(labels.multiple());
        assertFalse(labels.mandatory());
        assertEquals(ResourceType.UNSIGNED_INTEGER, labels.type());
        assertEquals("0..255", labels.range());
        assertEquals("Labels <b>with</b> markup", labels.description());
    }

    // ---- malformed input -------------------------------------------------------------------

    @Test
    public void refusesNonXml() {
        assertContains(refused("not-xml.xml").getMessage(), "not well-formed XML");
    }

    @Test
    public void refusesWrongRootElement() {
        assertContains(refused("wrong-root.xml").getMessage(), "root element is <Objects>, expected <LWM2M>");
    }

    @Test
    public void refusesMissingObjectId() {
        String message = refused("missing-object-id.xml").getMessage();
        assertContains(message, "<ObjectID>");
        assertContains(message, "is not a number");
    }

    @Test
    public void refusesNonNumericResourceId() {
        String message = refused("non-numeric-resource-id.xml").getMessage();
        assertContains(message, "object 32001");
        assertContains(message, "resource ID 'abc' is not a number");
    }

    @Test
    public void refusesUnknownType() {
        String message = refused("unknown-type.xml").getMessage();
        assertContains(message, "object 32002 resource 1");
        assertContains(message, "unknown resource type 'Decimal'");
    }

    @Test
    public void refusesDuplicateResourceId() {
        assertContains(refused("duplicate-resource.xml").getMessage(), "object 32003: resource 1 is defined twice");
    }

    @Test
    public void refusesExternalEntity() {
        String message = refused("xxe.xml").getMessage();
        assertContains(message, "DOCTYPE");
        assertFalse(message, message.contains("root:"));
    }

    @Test
    public void externalEntityContentNeverLeaks() throws Exception {
        Path secret = Files.createTempFile("lightgate-xxe", ".txt");
        try {
            Files.writeString(secret, "TOP-SECRET-MARKER");
            String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE LWM2M [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<LWM2M><Object><Name>&s;</Name><ObjectID>32006</ObjectID>"
                    + "<MultipleInstances>Single</MultipleInstances></Object></LWM2M>";
            DdfParser.DdfException e = refusedText(xml);
            assertContains(e.getMessage(), "DOCTYPE");
            assertFalse(e.getMessage(), e.getMessage().contains("TOP-SECRET-MARKER"));
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    public void refusesExternalDtdAndInternalEntities() {
        assertContains(refusedText("<?xml version=\"1.0\"?><!DOCTYPE LWM2M SYSTEM \"http://127.0.0.1:9/evil.dtd\"><LWM2M/>")
                .getMessage(), "DOCTYPE");
        assertContains(refusedText("<?xml version=\"1.0\"?><!DOCTYPE LWM2M [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><LWM2M><Object><Name>&b;</Name></Object></LWM2M>")
                .getMessage(), "DOCTYPE");
    }

    @Test
    public void refusesOtherProblems() {
        String head = "<?xml version=\"1.0\"?><LWM2M>";
        String tail = "</LWM2M>";
        assertContains(refusedText(head + tail).getMessage(), "no <Object> definition");
        assertContains(refusedText(head + "<Object><ObjectID>70000</ObjectID><Name>x</Name>"
                + "<MultipleInstances>Single</MultipleInstances></Object>" + tail).getMessage(), "70000 is outside 0..65535");
        assertContains(refusedText(head + "<Object><ObjectID>32007</ObjectID>"
                + "<MultipleInstances>Single</MultipleInstances></Object>" + tail).getMessage(), "object 32007: <Name> is missing");
        assertContains(refusedText(head + "<Object><ObjectID>32008</ObjectID><Name>x</Name>"
                + "<MultipleInstances>Several</MultipleInstances></Object>" + tail).getMessage(),
                "<MultipleInstances> is 'Several'");
        assertContains(refusedText(head + "<Object><ObjectID>32010</ObjectID><Name>x</Name>"
                + "<MultipleInstances>Single</MultipleInstances><Resources><Item ID=\"1\"><Name>v</Name>"
                + "<Operations>RX</Operations><MultipleInstances>Single</MultipleInstances><Type>String</Type></Item>"
                + "</Resources></Object>" + tail).getMessage(), "unknown operations 'RX'");
    }

    /** The header scan that indexes lazily loaded models agrees with the parser on every OMA registry file shipped. */
    @Test
    public void headerScanAgreesWithTheParserOnEveryShippedOmaModel() throws Exception {
        Path dir = Path.of("../io.lightgate.models.oma/src/main/resources/models");
        DdfParser parser = new DdfParser();
        int indexed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                var header = DdfParser.header(Files.readString(file, StandardCharsets.UTF_8));
                List<ObjectModel> parsed;
                try (InputStream in = Files.newInputStream(file)) {
                    parsed = parser.parse(in);
                }
                if (header.isPresent()) {
                    indexed++;
                    assertEquals(file.toString(), 1, parsed.size());
                    ObjectModel m = parsed.get(0);
                    assertEquals(file.toString(), new DdfParser.Header(m.id(), m.name(), m.version()), header.get());
                }
            }
        }
        assertTrue("most files are indexed without parsing: " + indexed, indexed > 300);
    }

    @Test
    public void headerScanLeavesUnclearDocumentsToTheParser() {
        String two = "<LWM2M><Object ObjectType=\"MODefinition\"><Name>A</Name><ObjectID>1</ObjectID></Object>"
                + "<Object ObjectType=\"MODefinition\"><Name>B</Name><ObjectID>2</ObjectID></Object></LWM2M>";
        assertFalse(DdfParser.header(two).isPresent());
        String cdataName = "<LWM2M><Object><Name><![CDATA[A]]></Name><ObjectID>1</ObjectID><Resources><Item ID=\"0\">"
                + "<Name>Value</Name></Item></Resources></Object></LWM2M>";
        assertFalse(DdfParser.header(cdataName).isPresent());
        String plain = "<!-- <Object> in a comment --><LWM2M><Object><Name>A &amp; B</Name><ObjectID>7</ObjectID>"
                + "<ObjectVersion>1.2</ObjectVersion><Resources/></Object></LWM2M>";
        assertEquals(new DdfParser.Header(7, "A & B", "1.2"), DdfParser.header(plain).orElseThrow());
    }
}
