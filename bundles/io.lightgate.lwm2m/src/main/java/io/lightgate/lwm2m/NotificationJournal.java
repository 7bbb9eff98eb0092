/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The write-ahead journal of stored notifications ({@code stored-notifications.journal} next to
 * the store file, mode 600): every append to and removal from a queue is written here with one
 * plain {@code write()} before the call returns, while the store commits them together at most
 * once per group-commit interval. After a kill -9 the operating system still holds what was
 * written (no fsync is needed for that), so {@link #read()} gives back every change since the
 * last {@link #reset()}; applying them again in order to the store is harmless for the ones the
 * store already has (a put of the same key and value, a removal up to a key), so the journal is
 * reset after a commit and read back whole after an unclean stop.
 * <p>
 * A record is {@code length (int) | CRC32 of the payload (int) | payload}; the payload is an
 * {@link Append} or a {@link Remove}. Reading stops at the first record that is short or whose
 * CRC does not match: the torn end of a write the process did not finish (its call had not
 * returned, so nobody was told it was stored). Not thread-safe: the store calls it under its lock.
 */
final class NotificationJournal implements AutoCloseable {

    static final String FILE_NAME = "stored-notifications.journal";

    private static final int MAX_RECORD = 64 * 1024 * 1024;
    private static final byte APPEND = 'A';
    private static final byte REMOVE = 'R';

    /** A change of one queue. */
    sealed interface Entry permits Append, Remove {
        String queue();
    }

    /** The value with this key was put into the queue. */
    record Append(String queue, long key, String value) implements Entry {
    }

    /** Every value of the queue with a key up to and including {@code upTo} was removed. */
    record Remove(String queue, long upTo) implements Entry {
    }

    /** What {@link #read()} found: the intact records, and how many bytes at the end were not (a torn write). */
    record Contents(List<Entry> entries, long tornBytes) {
    }

    private final Path file;
    private FileChannel channel; // opened on the first write
    private long size; // where the next record goes
    private boolean leftOver = true; // until the first reset: the file may hold what an earlier process wrote

    NotificationJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The records of the file (none if it does not exist), up to the first one that is torn. */
    Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), 0);
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Entry> entries = new ArrayList<>();
        while (in.remaining() >= 8) {
            int start = in.position();
            int length = in.getInt();
            int crc = in.getInt();
            if (length <= 0 || length > MAX_RECORD || length > in.remaining()) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            Entry entry = crc32(payload) == crc ? decode(payload) : null;
            if (entry == null) {
                in.position(start);
                break;
            }
            entries.add(entry);
        }
        return new Contents(entries, in.remaining());
    }

    /**
     * Writes the entries with one {@code write()} at the end of the file (created, mode 600, on
     * the first write). When that fails, the file is cut back to where it was, so later records
     * do not follow a torn one.
     */
    void write(List<? extends Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        ByteBuffer records = encode(entries);
        FileChannel ch = channel();
        long at = size;
        try {
            while (records.hasRemaining()) {
                at += ch.write(records, at);
            }
            size = at;
        } catch (IOException e) {
            try {
                ch.truncate(size);
            } catch (IOException ignored) {
                // the records after the torn one are not read back; the store commits at once instead
            }
            throw e;
        }
    }

    /** Empties the file (the store committed everything it held); nothing if it was never written. */
    void reset() throws IOException {
        if (channel == null) {
            if (leftOver && Files.exists(file) && Files.size(file) > 0) {
                channel().truncate(0); // written by an earlier process
            }
            leftOver = false;
            size = 0;
            return;
        }
        if (size > 0) {
            channel.truncate(0);
            size = 0;
        }
    }

    /** Closes the file and deletes it (the store closed cleanly: it holds everything). */
    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            FileChannel ch = channel;
            channel = null;
            ch.close();
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                    : new FileAttribute<?>[0];
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly);
            size = channel.size();
        }
        return channel;
    }

    static ByteBuffer encode(List<? extends Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * entries.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Entry entry : entries) {
                byte[] payload = payload(entry);
                out.writeInt(payload.length);
                out.writeInt(crc32(payload));
                out.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not with a byte array
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static byte[] payload(Entry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] queue = entry.queue().getBytes(StandardCharsets.UTF_8);
            if (entry instanceof Append a) {
                byte[] value = a.value().getBytes(StandardCharsets.UTF_8);
                out.writeByte(APPEND);
                out.writeInt(queue.length);
                out.write(queue);
                out.writeLong(a.key());
                out.writeInt(value.length);
                out.write(value);
            } else {
                out.writeByte(REMOVE);
                out.writeInt(queue.length);
                out.write(queue);
                out.writeLong(((Remove) entry).upTo());
            }
        }
        return bytes.toByteArray();
    }

    /** The entry, or null when the payload is not one (its CRC matched by chance). */
    private static Entry decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            byte type = in.get();
            String queue = text(in);
            long key = in.getLong();
            if (type == REMOVE && !in.hasRemaining()) {
                return new Remove(queue, key);
            }
            if (type == APPEND) {
                String value = text(in);
                return in.hasRemaining() ? null : new Append(queue, key, value);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int crc32(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
