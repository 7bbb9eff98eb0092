/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/** The drop-in folder (load/, FileInstall): which bundles came from there, by their location. */
record LoadFolder(Path folder) {

    LoadFolder {
        folder = folder.toAbsolutePath().normalize();
    }

    /** True for a bundle location that is a file in the folder (FileInstall installs from file: URIs). */
    boolean holds(String location) {
        if (location == null || !location.startsWith("file:")) {
            return false;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize().startsWith(folder);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return false;
        }
    }

    /** The file name of a location in the folder, for messages. */
    String fileName(String location) {
        try {
            return folder.getFileName() + "/" + Path.of(URI.create(location)).getFileName();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return location;
        }
    }
}
