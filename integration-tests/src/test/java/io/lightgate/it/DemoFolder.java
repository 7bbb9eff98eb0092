/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the repository's etc/demo in a test folder, with every port the demo uses
 * (every "*port* = N" setting, and the same number wherever else it appears, e.g. in server URIs)
 * moved to a free one, so the demo runs while other things use the standard ports.
 */
final class DemoFolder {

    private static final Pattern PORT_SETTING = Pattern.compile("(?m)^\\s*[\\w.]*port[\\w.]*\\s*=\\s*(\\d{2,5})\\s*$");

    private final Map<Integer, Integer> ports = new LinkedHashMap<>();

    /** Copies etc/demo (found from the module's base directory) into {@code target}. */
    DemoFolder copyTo(Path target) throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "..", "etc", "demo").normalize();
        if (!Files.isDirectory(source)) {
            throw new AssertionError("etc/demo not found at " + source.toAbsolutePath());
        }
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> list = Files.list(source)) {
            files = list.filter(p -> p.toString().endsWith(".cfg")).toList();
        }
        for (Path file : files) {
            Matcher m = PORT_SETTING.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                int port = Integer.parseInt(m.group(1));
                if (port > 0 && !ports.containsKey(port)) {
                    ports.put(port, freePort());
                }
            }
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Map.Entry<Integer, Integer> e : ports.entrySet()) {
                text = text.replaceAll("\\b" + e.getKey() + "\\b", String.valueOf(e.getValue()));
            }
            Files.writeString(target.resolve(file.getFileName()), text, StandardCharsets.UTF_8);
        }
        return this;
    }

    /** The port used instead of the demo's standard one. */
    int port(int standard) {
        Integer moved = ports.get(standard);
        if (moved == null) {
            throw new AssertionError("etc/demo does not use port " + standard + "; it uses " + ports.keySet());
        }
        return moved;
    }

    /** A port free for both TCP and UDP on loopback right now. */
    private static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                    DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getByName("127.0.0.1"))) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                // UDP side taken: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP after 50 tries");
    }
}
