/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A list of records kept in one JSON file. Writes go to a temporary file that then replaces
 * the old one, so a crash mid-write leaves the previous content, never half a file.
 */
final class JsonFile<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final TypeReference<List<T>> type;

    JsonFile(Path file, TypeReference<List<T>> type) {
        this.file = file;
        this.type = type;
    }

    Path path() {
        return file;
    }

    /** The stored list; empty when the file does not exist. */
    List<T> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return MAPPER.readValue(file.toFile(), type);
    }

    synchronized void write(List<T> items) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(temporary.toFile(), items);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
