/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework cache is kept between starts of one gateway jar, in a folder named after the
 * jar's build ({@code data/cache/jar-<build time>}, gateway.bndrun): a new jar (a Firmware
 * Update, a rollback, a new release copied in) starts with a cache of its own. The caches of
 * other jars beside it, and the single cache of jars from before this layout ({@code bundle<n>}
 * folders and {@code cache.lock} in {@code data/cache}), are never used again: deleted at start.
 * Nothing is deleted when the cache is not in such a folder (e.g. {@code -Dlaunch.storage.dir}
 * names another one).
 */
final class OtherJarCaches {

    private static final Logger LOG = LoggerFactory.getLogger(OtherJarCaches.class);
    static final String PREFIX = "jar-";
    private static final Pattern OLD_LAYOUT = Pattern.compile("bundle\\d+|cache\\.lock");

    private OtherJarCaches() {
    }

    /**
     * @param storage the framework's cache folder ({@code org.osgi.framework.storage}), or null
     * @return the folders and files deleted
     */
    static List<Path> deleteBeside(String storage) {
        List<Path> deleted = new ArrayList<>();
        if (storage == null || storage.isBlank()) {
            return deleted;
        }
        Path current = Path.of(storage).toAbsolutePath().normalize();
        Path parent = current.getParent();
        if (parent == null || !current.getFileName().toString().startsWith(PREFIX) || !Files.isDirectory(parent)) {
            return deleted;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                boolean other = name.startsWith(PREFIX) && !entry.equals(current);
                if (other || OLD_LAYOUT.matcher(name).matches()) {
                    deleteTree(entry);
                    deleted.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("Framework caches of other gateway jars in {} are left ({}); they can be deleted while the gateway is stopped",
                    parent, e.toString());
        }
        if (!deleted.isEmpty()) {
            LOG.info("Deleted the framework cache of earlier gateway jars: {}", deleted.stream().map(p -> p.getFileName().toString()).toList());
        }
        return deleted;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
