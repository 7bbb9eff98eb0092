/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The storage of the file system that holds the gateway's data folder: where the framework
 * cache, installed bundles, the engine's store and stored notifications live. The Device
 * object's Memory Free (10) and Memory Total (21) are defined as this ("storage space which can
 * store data and software").
 */
final class HostStorage {

    /**
     * Space on a file store.
     *
     * @param totalBytes the size of the file store
     * @param usableBytes what this process may still write (without the blocks reserved for root)
     */
    record Space(long totalBytes, long usableBytes) {

        /** Whether less than {@code percent} of the total is usable. */
        boolean below(int percent) {
            return totalBytes > 0 && usableBytes * 100 < totalBytes * (long) percent;
        }
    }

    private final Path folder;

    HostStorage(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The folder whose file store is reported. */
    Path folder() {
        return folder;
    }

    /**
     * The space of the data folder's file store now; of its nearest existing parent while the
     * folder does not exist yet; empty when no file store can be read.
     */
    Optional<Space> space() {
        Path p = folder;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(p);
            return Optional.of(new Space(store.getTotalSpace(), store.getUsableSpace()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
