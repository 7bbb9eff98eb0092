/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Keeps each endpoint's provisioned state (Security, Server and Access Control instances written
 * by a bootstrap server) in {@code <data>/lwm2m/state/<endpoint>.properties}. A save writes a
 * temporary file (mode 600: it holds keys), forces it to disk and moves it over the old one
 * atomically, so a crash (kill -9, power loss) leaves either the old or the new state, never a
 * mix. One line per resource (instance): {@code o/i/r[/ri] = TYPE:plain-text value} (opaque as
 * base64).
 */
final class ClientStateStore {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path folder;

    ClientStateStore(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** The file of an endpoint's state (it may not exist). */
    Path file(String endpoint) {
        return folder.resolve(URLEncoder.encode(endpoint, StandardCharsets.UTF_8) + ".properties");
    }

    /**
     * The stored state of an endpoint, or the empty state when none was stored.
     *
     * @throws IOException when the file exists but cannot be read or does not parse (the message names the file and the line)
     */
    ClientState load(String endpoint) throws IOException {
        Path file = file(endpoint);
        if (!Files.exists(file)) {
            return ClientState.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<Integer, SortedMap<Integer, InstanceContent>> objects = new TreeMap<>();
        Map<LwM2mPath, Map<Integer, Value>> multi = new TreeMap<>();
        Map<LwM2mPath, Resource> single = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String text = p.getProperty(key);
            try {
                LwM2mPath path = LwM2mPath.parse("/" + key);
                int colon = text.indexOf(':');
                ResourceType type = ResourceType.valueOf(text.substring(0, colon));
                Value value = Value.parse(type, text.substring(colon + 1));
                if (!ClientState.OBJECTS.contains(path.objectId()) || path.depth() < 3) {
                    throw new IllegalArgumentException("not a resource of object 0, 1 or 2");
                }
                if (path.isResourceInstance()) {
                    multi.computeIfAbsent(path.parent(), k -> new TreeMap<>()).put(path.resourceInstanceId(), value);
                } else {
                    single.put(path, Resource.of(path.resourceId(), value));
                }
            } catch (RuntimeException e) {
                throw new IOException(file + ": entry '" + key + "' does not parse (" + e.getMessage()
                        + "); fix or delete the file (the endpoint then bootstraps again)", e);
            }
        }
        multi.forEach((path, values) -> single.put(path, Resource.ofInstances(path.resourceId(), values.values().iterator().next().type(), values)));
        Map<LwM2mPath, Map<Integer, Resource>> byInstance = new TreeMap<>();
        single.forEach((path, r) -> byInstance.computeIfAbsent(path.parent(), k -> new TreeMap<>()).put(r.id(), r));
        byInstance.forEach((instance, resources) -> objects.computeIfAbsent(instance.objectId(), k -> new TreeMap<>())
                .put(instance.instanceId(), InstanceContent.of(instance.instanceId(), resources.values())));
        return ClientState.of(objects);
    }

    /** Replaces the stored state of an endpoint, atomically. */
    void save(String endpoint, ClientState state) throws IOException {
        createFolder();
        Properties p = new Properties();
        state.objects().forEach((objectId, instances) -> instances.forEach((instanceId, instance) -> instance.resources().forEach((id, r) -> {
            String base = objectId + "/" + instanceId + "/" + id;
            if (r.isMultiple()) {
                r.instances().forEach((ri, v) -> p.setProperty(base + "/" + ri, v.type().name() + ":" + v.toText()));
            } else {
                p.setProperty(base, r.value().type().name() + ":" + r.value().toText());
            }
        })));
        Path target = file(endpoint);
        Path temp = POSIX
                ? Files.createTempFile(folder, ".state-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".state-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(channel)) {
                p.store(out, "LwM2M client state of endpoint " + endpoint + " (written by its bootstrap server; holds keys)");
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void createFolder() throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                : new FileAttribute<?>[0];
        Files.createDirectories(folder, attributes);
    }
}
