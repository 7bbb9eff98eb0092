/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads OMA DDF files (LwM2M object definitions). It does not validate against the OMA
 * schema: many published files (e.g. 1.xml in its 1.2 version) do not pass a strict schema,
 * yet are exactly what servers use. It checks what the registry relies on instead: ids,
 * types, operations and multiplicity. DOCTYPEs are refused (no external entities).
 */
final class DdfParser {

    /** A DDF file that cannot be used, with the reason. */
    static final class DdfException extends Exception {
        private static final long serialVersionUID = 1L;

        DdfException(String message) {
            super(message);
        }
    }

    private final DocumentBuilderFactory factory;

    DdfParser() {
        factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
        factory.setNamespaceAware(false);
        factory.setExpandEntityReferences(false);
    }

    /** What a DDF file says of its one object before it is parsed: enough to rank it in the catalog. */
    record Header(int id, String name, String version) {
    }

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern OBJECT_START = Pattern.compile("<Object[\\s>]");
    private static final Pattern OBJECT_ID = Pattern.compile("<ObjectID>\\s*(\\d{1,9})\\s*</ObjectID>");
    private static final Pattern NAME = Pattern.compile("<Name>([^<]*)</Name>");
    private static final Pattern VERSION = Pattern.compile("<ObjectVersion>([^<]*)</ObjectVersion>");

    /**
     * The id, name and version of the one object a DDF document defines, read with a few patterns
     * instead of an XML parser (a tenth of the cost); empty when the document does not plainly
     * define exactly one object, which then has to be parsed to be known.
     */
    static Optional<Header> header(String xml) {
        String text = COMMENT.matcher(xml).replaceAll("");
        Matcher objects = OBJECT_START.matcher(text);
        int count = 0;
        while (objects.find()) {
            count++;
        }
        Matcher id = OBJECT_ID.matcher(text);
        Matcher name = NAME.matcher(text);
        int resources = text.indexOf("<Resources");
        int end = resources < 0 ? text.length() : resources;
        // the object's own elements come before its resources; a name in CDATA would match a resource's
        if (count != 1 || !id.find() || id.start() > end || !name.find() || name.start() > end) {
            return Optional.empty();
        }
        Matcher version = VERSION.matcher(text);
        String v = version.find() && version.start() < end ? unescape(version.group(1)).strip() : "";
        return Optional.of(new Header(Integer.parseInt(id.group(1)), unescape(name.group(1)).strip(),
                v.isEmpty() ? ObjectModel.DEFAULT_VERSION : v));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** Parses every object definition of one DDF document. */
    synchronized List<ObjectModel> parse(InputStream in) throws DdfException { // models are also parsed lazily, on any thread
        Document doc;
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(in);
        } catch (SAXException e) {
            throw new DdfException("not well-formed XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new DdfException("cannot be read: " + e);
        }
        Element root = doc.getDocumentElement();
        if (!"LWM2M".equals(root.getTagName())) {
            throw new DdfException("root element is <" + root.getTagName() + ">, expected <LWM2M>");
        }
        List<ObjectModel> models = new ArrayList<>();
        for (Element object : children(root, "Object")) {
            models.add(parseObject(object));
        }
        if (models.isEmpty()) {
            throw new DdfException("no <Object> definition");
        }
        return models;
    }

    private ObjectModel parseObject(Element object) throws DdfException {
        int id = number(object, "ObjectID", "object");
        String where = "object " + id;
        String name = text(object, "Name");
        if (name.isEmpty()) {
            throw new DdfException(where + ": <Name> is missing");
        }
        List<ResourceModel> resources = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (Element resourcesElement : children(object, "Resources")) {
            for (Element item : children(resourcesElement, "Item")) {
                ResourceModel r = parseResource(item, where);
                if (seen.contains(r.id())) {
                    throw new DdfException(where + ": resource " + r.id() + " is defined twice");
                }
                seen.add(r.id());
                resources.add(r);
            }
        }
        String description = text(object, "Description1");
        var map = new java.util.TreeMap<Integer, ResourceModel>();
        resources.forEach(r -> map.put(r.id(), r));
        return new ObjectModel(id, name, text(object, "ObjectVersion"), text(object, "LWM2MVersion"),
                multiplicity(object, where), mandatory(object, where), text(object, "ObjectURN"), description, map);
    }

    private ResourceModel parseResource(Element item, String where) throws DdfException {
        String idText = item.getAttribute("ID").strip();
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw new DdfException(where + ": resource ID '" + idText + "' is not a number");
        }
        if (id < 0 || id > 65535) {
            throw new DdfException(where + ": resource ID " + id + " is outside 0..65535");
        }
        String rwhere = where + " resource " + id;
        Operations ops;
        ResourceType type;
        try {
            ops = Operations.fromDdf(text(item, "Operations"));
            type = ResourceType.fromDdf(text(item, "Type"));
        } catch (IllegalArgumentException e) {
            throw new DdfException(rwhere + ": " + e.getMessage());
        }
        if (ops.isExecutable()) {
            type = ResourceType.NONE; // some files give executables a type; it has no meaning
        }
        // a readable/writable resource without <Type> (e.g. 10482.xml resource 5) keeps type NONE:
        // refusing it would drop the whole object, and no value can match it anyway
        return new ResourceModel(id, text(item, "Name"), ops, multiplicity(item, rwhere), mandatory(item, rwhere),
                type, text(item, "RangeEnumeration"), text(item, "Units"), text(item, "Description"));
    }

    private static boolean multiplicity(Element e, String where) throws DdfException {
        String t = text(e, "MultipleInstances");
        if (t.equalsIgnoreCase("Multiple")) return true;
        if (t.equalsIgnoreCase("Single")) return false;
        throw new DdfException(where + ": <MultipleInstances> is '" + t + "', expected Single or Multiple");
    }

    private static boolean mandatory(Element e, String where) throws DdfException {
        String t = text(e, "Mandatory");
        if (t.equalsIgnoreCase("Mandatory")) return true;
        if (t.equalsIgnoreCase("Optional") || t.isEmpty()) return false;
        throw new DdfException(where + ": <Mandatory> is '" + t + "', expected Mandatory or Optional");
    }

    private static int number(Element e, String tag, String what) throws DdfException {
        String t = text(e, tag);
        try {
            int n = Integer.parseInt(t);
            if (n < 0 || n > 65535) {
                throw new DdfException(what + " <" + tag + "> " + n + " is outside 0..65535");
            }
            return n;
        } catch (NumberFormatException ex) {
            throw new DdfException(what + " <" + tag + "> '" + t + "' is not a number");
        }
    }

    private static String text(Element parent, String tag) {
        List<Element> l = children(parent, tag);
        return l.isEmpty() ? "" : l.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && el.getTagName().equals(tag)) {
                result.add(el);
            }
        }
        return result;
    }
}
