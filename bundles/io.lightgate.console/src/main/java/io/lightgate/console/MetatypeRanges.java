/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.osgi.framework.Bundle;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The min and max of attribute definitions, read from a bundle's OSGI-INF/metatype XML: the
 * metatype service's API checks them ({@code validate}) but does not show them, and the console's
 * form wants them for its inputs and its own checks.
 */
final class MetatypeRanges {

    /** An attribute's declared bounds, as written in the XML; null when not declared. */
    record Range(String min, String max) {
        static final Range NONE = new Range(null, null);
    }

    private MetatypeRanges() {
    }

    /** OCD id, then AD id, to its range, for every metatype file of the bundle. */
    static Map<String, Map<String, Range>> of(Bundle bundle) {
        Map<String, Map<String, Range>> ranges = new HashMap<>();
        Enumeration<URL> files = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        while (files != null && files.hasMoreElements()) {
            URL file = files.nextElement();
            try (InputStream in = file.openStream()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setExpandEntityReferences(false);
                NodeList ocds = factory.newDocumentBuilder().parse(in).getElementsByTagName("OCD");
                for (int i = 0; i < ocds.getLength(); i++) {
                    Element ocd = (Element) ocds.item(i);
                    Map<String, Range> ads = ranges.computeIfAbsent(ocd.getAttribute("id"), k -> new HashMap<>());
                    NodeList list = ocd.getElementsByTagName("AD");
                    for (int j = 0; j < list.getLength(); j++) {
                        Element ad = (Element) list.item(j);
                        String min = ad.getAttribute("min");
                        String max = ad.getAttribute("max");
                        ads.put(ad.getAttribute("id"), new Range(min.isEmpty() ? null : min, max.isEmpty() ? null : max));
                    }
                }
            } catch (Exception e) {
                // a file we cannot read only loses its bounds in the form; the metatype service still validates
            }
        }
        return ranges;
    }
}
