/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a component's configuration came from, as its messages and status should name it: the
 * {@code etc/} file FileInstall read it from, or else its PID (made through ConfigAdmin, the
 * console or a test). Built from the properties a DS component is activated with.
 *
 * @param file the file's URI text as FileInstall recorded it ({@code file:/...}), or null
 * @param pid the configuration's PID, or null for a component without configuration
 * @since 1.4
 */
public record ConfigurationOrigin(@Nullable String file, @Nullable String pid) {

    /** FileInstall marks the configurations it made from a file with this property (the file's URI). */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    /** The origin named by a component's or a configuration's properties. */
    public static ConfigurationOrigin of(Map<String, ?> properties) {
        Object file = properties.get(FILE_PROPERTY);
        Object pid = properties.get("service.pid");
        return new ConfigurationOrigin(file == null ? null : file.toString(), pid == null ? null : pid.toString());
    }

    /** For messages: the file's path ({@code /opt/lightgate/etc/x.cfg}), else {@code configuration <pid>}. */
    public String where() {
        if (file != null) {
            return file.startsWith("file:") ? file.substring("file:".length()) : file;
        }
        return "configuration " + pid;
    }

    /** A short name for lists and status: the file's name without {@code .cfg}/{@code .config}, else the PID. */
    public String shortName() {
        if (file == null) {
            return String.valueOf(pid);
        }
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.replaceFirst("\\.(cfg|config)$", "");
    }

    /** The file as a path, if the configuration came from one whose URI is a path. */
    public Optional<Path> path() {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(file.startsWith("file:") ? Path.of(URI.create(file)) : Path.of(file));
        } catch (RuntimeException e) { // a URI with spaces, another scheme: no path to offer
            return Optional.empty();
        }
    }

    /** Whether FileInstall made the configuration from a file in etc/. */
    public boolean fromFile() {
        return file != null;
    }
}
