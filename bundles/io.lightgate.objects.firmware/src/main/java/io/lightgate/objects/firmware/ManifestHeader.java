/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OSGi manifest header split into clauses (Core specification 3.2.4): {@code path;path;attr=value;
 * dir:=value, ...}, values optionally quoted. Typed attributes ({@code version:Version=1.0}) keep
 * their type in the key; {@link #typedValue} converts them. Enough for Import-Package,
 * Export-Package, Require-/Provide-Capability, Require-Bundle, Fragment-Host and bnd's
 * {@code launch.runbundles.attrs}; no other header needs more.
 */
final class ManifestHeader {

    /** One clause: its paths (package names, a namespace, a symbolic name) and parameters. */
    record Clause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {

        String attribute(String name) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String key = e.getKey();
                int colon = key.indexOf(':');
                if ((colon < 0 ? key : key.substring(0, colon)).equals(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        /** The clause as the header wrote it (without quotes), for log lines. */
        String text() {
            StringBuilder b = new StringBuilder(String.join(";", paths));
            attributes.forEach((k, v) -> b.append(';').append(k).append('=').append(v));
            directives.forEach((k, v) -> b.append(';').append(k).append(":=").append(v));
            return b.toString();
        }
    }

    private ManifestHeader() {
    }

    /** The clauses of a header; an absent or blank header has none. */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                int eq = indexOutsideQuotes(part, '=');
                if (eq < 0) {
                    if (!part.isBlank()) {
                        paths.add(part.strip());
                    }
                    continue;
                }
                boolean directive = eq > 0 && part.charAt(eq - 1) == ':';
                String key = part.substring(0, directive ? eq - 1 : eq).strip();
                String value = unquote(part.substring(eq + 1).strip());
                (directive ? directives : attributes).put(key, value);
            }
            clauses.add(new Clause(List.copyOf(paths), attributes, directives));
        }
        return clauses;
    }

    /**
     * The value of a typed attribute ({@code name:Type}) as the OSGi type: Version, Long, Double,
     * List of them, else the string. A filter compares a capability's attributes by these types.
     */
    static Object typedValue(String keyWithType, String value) {
        int colon = keyWithType.indexOf(':');
        String type = colon < 0 ? "String" : keyWithType.substring(colon + 1).strip();
        if (type.startsWith("List<") && type.endsWith(">")) {
            String element = type.substring(5, type.length() - 1).strip();
            List<Object> list = new ArrayList<>();
            for (String item : split(value, ',')) {
                list.add(scalar(element, item.strip()));
            }
            return List.copyOf(list);
        }
        if (type.equals("List")) {
            return List.copyOf(split(value, ',').stream().map(String::strip).toList());
        }
        return scalar(type, value);
    }

    private static Object scalar(String type, String value) {
        return switch (type) {
            case "Version" -> org.osgi.framework.Version.parseVersion(value);
            case "Long" -> Long.parseLong(value);
            case "Double" -> Double.parseDouble(value);
            default -> value;
        };
    }

    static String keyName(String keyWithType) {
        int colon = keyWithType.indexOf(':');
        return colon < 0 ? keyWithType : keyWithType.substring(0, colon);
    }

    // splits at the separator outside double quotes (a backslash escapes inside quotes)
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                b.append(c);
            }
            return b.toString();
        }
        return value;
    }
}
