/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.rooms;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The picture of docs/architecture.md as a Mermaid flowchart: one box per room holding its
 * bundles, one arrow per (importer, exporter) pair found in the built manifests, drawn from the
 * importing bundle to the bundle that exports the package, or to a library of cnf/rooms.txt.
 * Imports of the JDK, OSGi, SLF4J and JSpecify are not drawn: every bundle may have them.
 */
final class Diagram {

    static final String BEGIN = "<!-- rooms-diagram:begin (generated from the built manifests by rooms/, do not edit) -->";
    static final String END = "<!-- rooms-diagram:end -->";

    private Diagram() {
    }

    static String mermaid(Rules rules, List<BundleManifest> built) {
        Map<String, String> exporter = Rules.exporters(built);
        Map<String, Set<String>> byRoom = new TreeMap<>();
        Set<String> edges = new TreeSet<>();
        Set<String> libraries = new TreeSet<>();
        for (BundleManifest b : built) {
            String room = rules.roomOf(b.symbolicName()).orElse("(no room)");
            byRoom.computeIfAbsent(room, r -> new TreeSet<>()).add(b.symbolicName());
            for (String p : b.imports()) {
                String to = exporter.get(p);
                if (to != null) {
                    if (!to.equals(b.symbolicName())) {
                        edges.add(id(b.symbolicName()) + " --> " + id(to));
                    }
                    continue;
                }
                for (Map.Entry<String, List<String>> lib : rules.libraries().entrySet()) {
                    if (lib.getValue().stream().anyMatch(pattern -> Rules.matches(pattern, p))) {
                        edges.add(id(b.symbolicName()) + " --> " + libraryId(lib.getKey()));
                        libraries.add(lib.getKey());
                        break;
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
        for (String room : rules.rooms()) {
            if (byRoom.containsKey(room)) {
                subgraph(out, room, byRoom.remove(room));
            }
        }
        byRoom.forEach((room, members) -> subgraph(out, room, members));
        if (!libraries.isEmpty()) {
            out.append("  subgraph libraries [third-party libraries]\n");
            libraries.forEach(l -> out.append("    ").append(libraryId(l)).append("([").append(l).append("])\n"));
            out.append("  end\n");
        }
        edges.forEach(e -> out.append("  ").append(e).append('\n'));
        return out.append("```\n").toString();
    }

    private static void subgraph(StringBuilder out, String room, Set<String> members) {
        out.append("  subgraph room_").append(room.replaceAll("\\W", "_")).append(" [").append(room).append("]\n");
        members.forEach(m -> out.append("    ").append(id(m)).append('[').append(m).append("]\n"));
        out.append("  end\n");
    }

    private static String id(String bundle) {
        return bundle.replace('.', '_');
    }

    private static String libraryId(String label) {
        return "lib_" + label.replaceAll("\\W", "_");
    }

    /** The document with the text between the markers replaced by the picture (markers must be present). */
    static String replaceIn(String document, String picture) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no '" + BEGIN + "' ... '" + END + "' block");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + picture + document.substring(end);
    }
}
