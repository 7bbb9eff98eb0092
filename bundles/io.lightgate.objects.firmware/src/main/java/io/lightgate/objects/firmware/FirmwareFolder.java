/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * data/firmware/, shared with the supervisor bin/lightgate, which reads and writes the same
 * names (keep both in step):
 * <ul>
 * <li>{@code current.jar}, {@code previous.jar}: the running image and the one before it (the supervisor's);</li>
 * <li>{@code staged.jar}: a verified package waiting for Update (the gateway writes it, the supervisor applies it);</li>
 * <li>{@code staged.jar.part}: a package while it arrives; {@code staged.jar.composed}: the image composed from a
 * feature package while it is written (the gateway's own, the supervisor never reads them);</li>
 * <li>{@code trial}: the supervisor runs a new image on trial; {@code confirmed}: the gateway has registered on it;</li>
 * <li>{@code outcome.properties}: the supervisor's verdict on a trial it ended (rollback), read once at start;</li>
 * <li>{@code state.properties}: this object's state, so that it survives the restart.</li>
 * </ul>
 * Every file is written next to its final name and moved into place, so a crash leaves the old
 * file or the new one, never half of one.
 */
final class FirmwareFolder {

    private final Path dir;

    FirmwareFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() { return dir; }
    Path staged() { return dir.resolve("staged.jar"); }
    Path stagedPart() { return dir.resolve("staged.jar.part"); }
    Path composed() { return dir.resolve("staged.jar.composed"); }
    Path trialMarker() { return dir.resolve("trial"); }
    Path confirmedMarker() { return dir.resolve("confirmed"); }
    Path outcome() { return dir.resolve("outcome.properties"); }
    Path stateFile() { return dir.resolve("state.properties"); }

    void create() throws IOException {
        Files.createDirectories(dir);
    }

    boolean onTrial() {
        return Files.exists(trialMarker());
    }

    /** The saved state, empty when there is none yet; a damaged file throws naming it. */
    Optional<FirmwareState> loadState() throws IOException {
        if (!Files.exists(stateFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(FirmwareState.fromProperties(read(stateFile())));
        } catch (IllegalArgumentException e) {
            throw new IOException(stateFile() + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    void saveState(FirmwareState state) {
        try {
            writeAtomically(stateFile(), out -> state.toProperties().store(out, "Firmware Update (5) state; written by the gateway"));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + stateFile() + " failed", e);
        }
    }

    /** The supervisor's verdict, if it left one; removed once read. */
    Optional<SupervisorOutcome> takeOutcome() throws IOException {
        if (!Files.exists(outcome())) {
            return Optional.empty();
        }
        SupervisorOutcome o = SupervisorOutcome.parse(read(outcome()));
        Files.delete(outcome());
        return Optional.of(o);
    }

    /** Tells the supervisor that the image on trial has registered. */
    void confirm(Instant at) throws IOException {
        writeAtomically(confirmedMarker(), out -> out.write(("registered at " + at + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    void deleteStaged() throws IOException {
        Files.deleteIfExists(stagedPart());
        Files.deleteIfExists(composed());
        Files.deleteIfExists(staged());
    }

    /** Moves a verified part file into place as staged.jar. */
    void promotePart() throws IOException {
        move(stagedPart(), staged());
    }

    /** Moves a verified composed image into place as staged.jar; the feature package it came from goes. */
    void promoteComposed() throws IOException {
        move(composed(), staged());
        Files.deleteIfExists(stagedPart());
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static void writeAtomically(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writer.write(out);
        }
        move(tmp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
