/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-created instances and their packages in a folder (data/software/): {@code <id>.properties}
 * holds the status, {@code <id>.jar} the delivered bundle. The gateway installs its packages from
 * here at a start whose framework cache does not have them (the first start of a new gateway jar,
 * which gets an empty cache); the cache of a restarted jar keeps them. Files are replaced atomically,
 * so a crash leaves the old or the new version, never half of one.
 */
public final class PackageStore {

    private static final Logger LOG = LoggerFactory.getLogger(PackageStore.class);
    private static final String SUFFIX = ".properties";

    private final Path folder;

    public PackageStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Where the package of an instance is kept. */
    public Path jar(int instanceId) {
        return folder.resolve(instanceId + ".jar");
    }

    /** Every stored instance; a file that cannot be read is reported and skipped. */
    public List<StoredPackage> load() throws IOException {
        List<StoredPackage> stored = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return stored;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    stored.add(read(Integer.parseInt(name.substring(0, name.length() - SUFFIX.length())), file));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.error("Skipping {}: it is no stored Software Management instance ({}); delete it or fix it", file, e.toString());
                }
            }
        }
        stored.sort((a, b) -> Integer.compare(a.instanceId(), b.instanceId()));
        return stored;
    }

    private StoredPackage read(int id, Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        UpdateState state = UpdateState.valueOf(p.getProperty("state", "INITIAL"));
        PackageStatus status = new PackageStatus(p.getProperty("name", ""), p.getProperty("version", ""), state,
                UpdateResult.valueOf(p.getProperty("result", "INITIAL")), p.getProperty("reason", ""));
        if (state != UpdateState.INITIAL && !Files.isRegularFile(jar(id))) {
            status = new PackageStatus(status.name(), status.version(), UpdateState.INITIAL, UpdateResult.DEVICE_DEFINED_ERROR,
                    "the package " + jar(id) + " is missing; deliver it again");
        }
        return new StoredPackage(id, status, Boolean.parseBoolean(p.getProperty("active", "false")), p.getProperty("update.of", ""));
    }

    /**
     * Saves an instance. A download under way is saved as INITIAL with result 52 (connection
     * lost): after a restart it does not go on by itself.
     */
    public void save(int instanceId, PackageStatus status, boolean active) throws IOException {
        save(instanceId, status, active, "");
    }

    /** Saves an instance that, after Uninstall with ForUpdate, awaits a new version of {@code updateOf} (empty: none). */
    public void save(int instanceId, PackageStatus status, boolean active, String updateOf) throws IOException {
        PackageStatus kept = status;
        if (status.state() == UpdateState.DOWNLOAD_STARTED || status.state() == UpdateState.DOWNLOADED) {
            kept = new PackageStatus(status.name(), status.version(), UpdateState.INITIAL, UpdateResult.CONNECTION_LOST,
                    "the gateway stopped during the download; deliver the package again");
        }
        Properties p = new Properties();
        p.setProperty("name", kept.name());
        p.setProperty("version", kept.version());
        p.setProperty("state", kept.state().name());
        p.setProperty("result", kept.result().name());
        p.setProperty("reason", kept.reason());
        p.setProperty("active", Boolean.toString(active));
        if (updateOf != null && !updateOf.isEmpty()) {
            p.setProperty("update.of", updateOf);
        }
        Files.createDirectories(folder);
        Path tmp = folder.resolve(instanceId + SUFFIX + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "Software Management instance /9/" + instanceId + " (written by the gateway)");
        }
        replace(tmp, folder.resolve(instanceId + SUFFIX));
    }

    /** Keeps the package of an instance, replacing the one before. */
    public void saveJar(int instanceId, byte[] pkg) throws IOException {
        Files.createDirectories(folder);
        Path tmp = folder.resolve(instanceId + ".jar.tmp");
        Files.write(tmp, pkg);
        replace(tmp, jar(instanceId));
    }

    public byte[] readJar(int instanceId) throws IOException {
        return Files.readAllBytes(jar(instanceId));
    }

    public void deleteJar(int instanceId) throws IOException {
        Files.deleteIfExists(jar(instanceId));
    }

    /** Forgets an instance and its package. */
    public void delete(int instanceId) throws IOException {
        Files.deleteIfExists(folder.resolve(instanceId + SUFFIX));
        deleteJar(instanceId);
    }

    /** Bytes that can still be written to the folder's file system. */
    public long usableSpace() throws IOException {
        Files.createDirectories(folder);
        return Files.getFileStore(folder).getUsableSpace();
    }

    private static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
