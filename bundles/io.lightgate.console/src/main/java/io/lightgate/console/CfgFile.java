/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an etc/ {@code .cfg} file as Felix FileInstall reads it, changed setting by setting:
 * comments, blank lines, the order and unknown keys stay as they are; a changed key keeps its line
 * (its continuation lines are replaced), a new key is appended, a removed key's lines go.
 *
 * <p>FileInstall reads a file as typed only when every value is typed, and a list can only be
 * written typed ({@code [ "a", "b" ]}); so a file that is typed, or that gets a list, is written
 * with every value quoted; otherwise values stay plain text. Every value is written as text: the
 * components' configuration types convert it.
 */
final class CfgFile {

    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^\\s#!=:][^=:]*?)\\s*[=:]\\s*(.*)$");

    private final List<String> lines;

    private CfgFile(List<String> lines) {
        this.lines = lines;
    }

    static CfgFile parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new CfgFile(lines);
    }

    /** One setting: its first line index, how many lines it spans, its raw value (continuations joined). */
    private record Entry(int line, int count, String raw) {
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int start = i;
            StringBuilder raw = new StringBuilder(line);
            while (endsWithContinuation(lines.get(i)) && i + 1 < lines.size()) {
                raw.setLength(raw.length() - 1);
                raw.append(lines.get(++i).strip());
            }
            Matcher m = KEY_LINE.matcher(raw.toString());
            if (m.matches()) {
                entries.put(m.group(1), new Entry(start, i - start + 1, m.group(2).strip()));
            }
        }
        return entries;
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** True when the file has settings and every one is typed (quoted, a list, or a type letter and a quote). */
    boolean typed() {
        Map<String, Entry> entries = entries();
        return !entries.isEmpty() && entries.values().stream().allMatch(e -> isTyped(e.raw()));
    }

    private static boolean isTyped(String raw) {
        return raw.matches("(?s)[A-Za-z]?[\"\\[(].*");
    }

    /** The keys of the file's settings, in file order. */
    List<String> keys() {
        return List.copyOf(entries().keySet());
    }

    /**
     * The file with the given settings changed: a value list per key (one element for a single
     * value), or null to remove the key. Keys not named stay untouched.
     */
    String with(Map<String, List<String>> changes) {
        boolean typed = typed() || changes.values().stream().anyMatch(v -> v != null && v.size() != 1);
        Map<String, Entry> entries = entries();
        String[] replaced = lines.toArray(String[]::new);
        boolean[] dropped = new boolean[replaced.length];
        if (typed && !typed()) {
            // the file becomes typed: its plain values get quoted so FileInstall keeps reading them as text
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (!changes.containsKey(e.getKey())) {
                    set(replaced, dropped, e.getKey(), e.getValue(), typedValue(List.of(e.getValue().raw())));
                }
            }
        }
        List<String> appended = new ArrayList<>();
        for (Map.Entry<String, List<String>> change : changes.entrySet()) {
            Entry existing = entries.get(change.getKey());
            List<String> values = change.getValue();
            if (values == null) {
                if (existing != null) {
                    for (int i = 0; i < existing.count(); i++) {
                        dropped[existing.line() + i] = true;
                    }
                }
                continue;
            }
            String value = typed ? typedValue(values) : plainValue(values.get(0));
            if (existing != null) {
                set(replaced, dropped, change.getKey(), existing, value);
            } else {
                appended.add(change.getKey() + " = " + value);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replaced.length; i++) {
            if (!dropped[i]) {
                out.append(replaced[i]).append('\n');
            }
        }
        appended.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static void set(String[] replaced, boolean[] dropped, String key, Entry entry, String value) {
        replaced[entry.line()] = key + " = " + value;
        for (int i = 1; i < entry.count(); i++) {
            dropped[entry.line() + i] = true;
        }
    }

    /** A plain value: backslashes and characters outside ASCII escaped as java.util.Properties reads them. */
    static String plainValue(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        // leading blanks would be eaten by the reader
        return out.length() > 0 && out.charAt(0) == ' ' ? "\\" + out : out.toString();
    }

    /** A typed value: a quoted string, or a list of them. */
    static String typedValue(List<String> values) {
        if (values.size() == 1) {
            return quoted(values.get(0));
        }
        StringBuilder out = new StringBuilder("[ ");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quoted(values.get(i)));
        }
        return out.append(" ]").toString();
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
