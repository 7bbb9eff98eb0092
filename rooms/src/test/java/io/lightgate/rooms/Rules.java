/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.rooms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rooms of cnf/rooms.txt: which room each bundle is in, what each room may import, and the
 * libraries the picture names. Lines:
 * <pre>
 * room NAME ALLOWED...     a package ("a.b"), a package and everything below it ("a.b.*"), anything ("*"),
 *                          or "@ROOM": the packages that the bundles of that room export
 * room * ALLOWED...        what every room may import
 * bundle SYMBOLIC-NAME ROOM
 * library LABEL PATTERN... a third-party library drawn in the picture, by its packages
 * </pre>
 * A bundle may always import what it exports itself (bnd imports its own exports).
 */
final class Rules {

    static final String FILE = "cnf/rooms.txt";

    private final Map<String, List<String>> rooms = new LinkedHashMap<>();
    private final Map<String, String> bundles = new LinkedHashMap<>();
    private final Map<String, List<String>> libraries = new LinkedHashMap<>();

    private Rules() {
    }

    static Rules parse(String text) {
        Rules r = new Rules();
        r.rooms.put("*", new ArrayList<>());
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            switch (w[0]) {
                case "room" -> {
                    need(w, 2, n, raw);
                    r.rooms.computeIfAbsent(w[1], k -> new ArrayList<>()).addAll(List.of(w).subList(2, w.length));
                }
                case "bundle" -> {
                    need(w, 3, n, raw);
                    if (r.bundles.put(w[1], w[2]) != null) {
                        throw new IllegalArgumentException(FILE + " line " + n + ": bundle " + w[1] + " is in two rooms");
                    }
                }
                case "library" -> {
                    need(w, 3, n, raw);
                    r.libraries.put(w[1], List.of(w).subList(2, w.length));
                }
                default -> throw new IllegalArgumentException(FILE + " line " + n + ": starts with neither room, bundle nor library: " + raw);
            }
        }
        r.bundles.forEach((bundle, room) -> {
            if (!r.rooms.containsKey(room) || room.equals("*")) {
                throw new IllegalArgumentException(FILE + ": bundle " + bundle + " is in room '" + room + "', which no 'room' line defines");
            }
        });
        r.rooms.forEach((room, allowed) -> allowed.stream().filter(a -> a.startsWith("@")).map(a -> a.substring(1))
                .filter(other -> !r.rooms.containsKey(other))
                .forEach(other -> {
                    throw new IllegalArgumentException(FILE + ": room " + room + " allows @" + other + ", which no 'room' line defines");
                }));
        return r;
    }

    private static void need(String[] words, int count, int line, String raw) {
        if (words.length < count) {
            throw new IllegalArgumentException(FILE + " line " + line + ": too short: " + raw);
        }
    }

    Optional<String> roomOf(String bundle) {
        return Optional.ofNullable(bundles.get(bundle));
    }

    /** The rooms in the order of the file, without "*". */
    List<String> rooms() {
        return rooms.keySet().stream().filter(r -> !r.equals("*")).toList();
    }

    Map<String, List<String>> libraries() {
        return libraries;
    }

    /** Every violation among these bundles: a bundle in no room, or an import its room does not allow. */
    List<String> check(List<BundleManifest> built) {
        Map<String, String> exporter = exporters(built);
        List<String> violations = new ArrayList<>();
        for (BundleManifest b : built) {
            Optional<String> room = roomOf(b.symbolicName());
            if (room.isEmpty()) {
                violations.add("Bundle " + b.symbolicName() + " is in no room (it imports " + b.imports()
                        + "): add a line 'bundle " + b.symbolicName() + " <room>' to " + FILE + "; the rooms are " + rooms());
                continue;
            }
            for (String p : b.imports().stream().sorted().toList()) {
                if (!allowed(b, room.get(), p, exporter)) {
                    String from = exporter.containsKey(p) ? " (exported by " + exporter.get(p) + ", room " + roomOf(exporter.get(p)).orElse("none") + ")" : "";
                    violations.add("Bundle " + b.symbolicName() + " (room " + room.get() + ") imports " + p + from
                            + ", which its room does not allow. The rule in " + FILE + ": 'room " + room.get() + " "
                            + String.join(" ", rooms.get(room.get())) + "' (and for every room: '" + String.join(" ", rooms.get("*")) + "')");
                }
            }
        }
        return violations;
    }

    private boolean allowed(BundleManifest b, String room, String pkg, Map<String, String> exporter) {
        if (b.exports().contains(pkg)) {
            return true;
        }
        for (String rule : concat(rooms.get("*"), rooms.get(room))) {
            if (rule.startsWith("@")) {
                String from = exporter.get(pkg);
                if (from != null && roomOf(from).filter(rule.substring(1)::equals).isPresent()) {
                    return true;
                }
            } else if (matches(rule, pkg)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String pkg) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String base = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        return pattern.equals(pkg);
    }

    /** Which built bundle exports each package (the first one, in name order, if several do). */
    static Map<String, String> exporters(List<BundleManifest> built) {
        Map<String, String> exporter = new LinkedHashMap<>();
        built.stream().sorted((a, b) -> a.symbolicName().compareTo(b.symbolicName()))
                .forEach(b -> b.exports().forEach(p -> exporter.putIfAbsent(p, b.symbolicName())));
        return exporter;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
