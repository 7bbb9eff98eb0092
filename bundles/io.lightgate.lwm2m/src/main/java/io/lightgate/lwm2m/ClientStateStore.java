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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's persisted client state, in one H2 MVStore file
 * ({@code <data>/lwm2m/state/client-state.mv.db}, mode 600: it holds keys): per endpoint, the
 * Security, Server and Access Control instances a bootstrap server wrote (map
 * {@code state:<endpoint>}, one entry per resource (instance): {@code o/i/r[/ri] -> TYPE:text},
 * opaque as base64), where each server keeps its registration (map {@code registrations},
 * {@code <endpoint> NUL <ssid> <uri> -> }{@link StoredRegistration}), and what servers set up
 * (map {@code entries}, see {@link #serverEntries}). A commit visits every open map, so there is
 * no map per endpoint (earlier versions' are merged when the file opens).
 * <p>
 * Every change is one MVStore commit: a crash (kill -9, power loss) leaves the old or the new
 * state, never a mix. Registration locations and local ports commit within the group-commit
 * interval (losing one costs a fresh Register or a new port). Stored notifications: their appends and removals commit
 * together at most once per group-commit interval (see {@link #ClientStateStore(Path, ScheduledExecutorService, long)}), and
 * meanwhile each is written at once to {@code stored-notifications.journal} next to the file, so a
 * kill -9 loses none that a call returned for. A provisioned state is also forced to disk; a registration location is not
 * (losing one only means a fresh Register). The store opens on first use; it imports the
 * {@code <endpoint>.properties} files of earlier versions once (renamed {@code .migrated}
 * afterwards). A file that does not open is left as it is: every call then fails with what to do.
 * Thread-safe; calls are short and never wait for the network.
 */
final class ClientStateStore implements AutoCloseable {

    static final String FILE_NAME = "client-state.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(ClientStateStore.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String LEGACY_SUFFIX = ".properties";
    private static final String PORTS = "ports"; // endpoint -> the local UDP port it had
    // Few maps, keys with the endpoint in them: every commit visits every open map, so a map per
    // endpoint made registering the 10,000th endpoint cost 10,000 times what the first did.
    private static final String REGISTRATIONS = "registrations"; // <endpoint> SEPARATOR <ssid> <uri> -> StoredRegistration
    private static final String ENTRIES = "entries"; // <kind>:<endpoint>:<ssid> <uri> SEPARATOR <key> -> value
    private static final char SEPARATOR = '\u0000';
    private static final String LEGACY_REGISTRATIONS = "registrations:";

    private final Path folder;
    private final Path file;
    private final ScheduledExecutorService scheduler; // null: every change commits at once
    private final long groupCommitMillis;
    private MVStore store; // guarded by this
    private boolean closed; // guarded by this
    private long lastCommitNanos; // guarded by this
    private boolean commitScheduled; // guarded by this
    private final NotificationJournal journal; // guarded by this

    /** A store whose every change commits at once. */
    ClientStateStore(Path folder) {
        this(folder, null, 0);
    }

    /**
     * A store that groups the commits of stored notifications: at most one per
     * {@code groupCommitMillis}, the rest on {@code scheduler} when the interval is over. Every
     * MVStore commit writes a chunk (8 KB or more) that the file keeps for the 45 s retention
     * time: one commit per value made the file grow by ~250 MB and the heap by 11,000 chunk
     * records while 1,000 values/s were stored and forwarded. So that a kill -9 loses none of
     * the values of the last interval, every append and removal is also written at once to the
     * {@link NotificationJournal} next to the file (one plain write, no fsync), which is emptied
     * after each commit and replayed into the store when it opens after an unclean stop.
     */
    ClientStateStore(Path folder, ScheduledExecutorService scheduler, long groupCommitMillis) {
        this.folder = folder;
        this.file = folder.resolve(FILE_NAME);
        this.scheduler = groupCommitMillis > 0 ? scheduler : null;
        this.groupCommitMillis = groupCommitMillis;
        this.journal = new NotificationJournal(folder.resolve(NotificationJournal.FILE_NAME));
    }

    Path folder() {
        return folder;
    }

    /** The store file (it may not exist yet). */
    Path file() {
        return file;
    }

    /**
     * The stored state of an endpoint, or the empty state when none was stored.
     *
     * @throws IOException when the store cannot be opened or the entry does not parse (the message names the file and what to do)
     */
    synchronized ClientState load(String endpoint) throws IOException {
        MVStore s = open();
        String name = stateMap(endpoint);
        if (!s.hasMap(name)) {
            return ClientState.empty();
        }
        return decode(map(s, name), file + ", endpoint '" + endpoint + "'");
    }

    /** Replaces the stored state of an endpoint: one commit, forced to disk. */
    synchronized void save(String endpoint, ClientState state) throws IOException {
        MVStore s = open();
        try {
            MVMap<String, String> map = map(s, stateMap(endpoint));
            map.clear();
            map.putAll(encode(state));
            s.commit();
            s.sync();
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** Where the server with this Short Server ID and URI keeps the endpoint's registration, if stored. */
    synchronized Optional<StoredRegistration> registration(String endpoint, int shortServerId, URI uri) throws IOException {
        MVStore s = open();
        String text = map(s, REGISTRATIONS).get(registrationKey(endpoint, shortServerId, uri));
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredRegistration.decode(text));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the stored registration of endpoint '{}' with {} does not parse ({}); it registers afresh", file, endpoint, uri,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stores where a server keeps the endpoint's registration (after its 2.01), committed within
     * the group-commit interval: thousands of endpoints registering at once share commits, and a
     * kill -9 in between only costs a fresh Register.
     */
    synchronized void rememberRegistration(String endpoint, int shortServerId, URI uri, StoredRegistration registration) throws IOException {
        MVStore s = open();
        try {
            map(s, REGISTRATIONS).put(registrationKey(endpoint, shortServerId, uri), registration.encode());
            commitLater(s);
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** Forgets a registration (De-register, Disable, a server removed); one commit if there was one. */
    synchronized void forgetRegistration(String endpoint, int shortServerId, URI uri) throws IOException {
        MVStore s = open();
        try {
            if (map(s, REGISTRATIONS).remove(registrationKey(endpoint, shortServerId, uri)) != null) {
                s.commit();
            }
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    // ---- notifications stored for a server while it is unreachable ---------------------------

    /**
     * Appends values to the queue of a server, in order, and drops the oldest beyond {@code max}.
     * Committed at once or within the group-commit interval: from then on a kill -9 keeps them.
     *
     * @return how many of the oldest values were dropped to stay within {@code max}
     */
    synchronized long appendStored(String endpoint, int shortServerId, URI uri, List<StoredValue> values, long max) throws IOException {
        MVStore s = open();
        try {
            String name = queueName(endpoint, shortServerId, uri);
            MVMap<Long, String> queue = queue(s, name);
            Long last = queue.lastKey();
            long next = last == null ? 1 : last + 1;
            List<NotificationJournal.Entry> changes = new ArrayList<>(values.size() + 1);
            for (StoredValue v : values) {
                String text = v.encode();
                queue.put(next, text);
                changes.add(new NotificationJournal.Append(name, next++, text));
            }
            long dropped = 0;
            Long lastDropped = null;
            while (queue.sizeAsLong() > max) {
                lastDropped = queue.firstKey();
                queue.remove(lastDropped);
                dropped++;
            }
            if (lastDropped != null) {
                changes.add(new NotificationJournal.Remove(name, lastDropped));
            }
            commitSoon(s, changes);
            return dropped;
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** The oldest stored values of a server (at most {@code limit}), with their keys, oldest first. */
    synchronized SortedMap<Long, StoredValue> storedBatch(String endpoint, int shortServerId, URI uri, int limit) throws IOException {
        MVStore s = open();
        SortedMap<Long, StoredValue> batch = new TreeMap<>();
        if (!s.hasMap(queueName(endpoint, shortServerId, uri))) {
            return batch;
        }
        MVMap<Long, String> queue = queue(s, endpoint, shortServerId, uri);
        var keys = queue.keyIterator(null);
        while (keys.hasNext() && batch.size() < limit) {
            Long key = keys.next();
            try {
                batch.put(key, StoredValue.decode(queue.get(key)));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: a stored notification value of endpoint '{}' for {} is skipped: {}", file, endpoint, uri, e.getMessage());
                queue.remove(key);
            }
        }
        return batch;
    }

    /** Removes the stored values up to and including key {@code upTo} (they reached the server); committed as appends are. */
    synchronized void removeStored(String endpoint, int shortServerId, URI uri, long upTo) throws IOException {
        MVStore s = open();
        if (!s.hasMap(queueName(endpoint, shortServerId, uri))) {
            return;
        }
        try {
            String name = queueName(endpoint, shortServerId, uri);
            MVMap<Long, String> queue = queue(s, name);
            boolean removed = false;
            for (Long first = queue.firstKey(); first != null && first <= upTo; first = queue.firstKey()) {
                queue.remove(first);
                removed = true;
            }
            if (removed) {
                commitSoon(s, List.of(new NotificationJournal.Remove(name, upTo)));
            }
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** How many values are stored for a server. */
    synchronized long storedCount(String endpoint, int shortServerId, URI uri) throws IOException {
        MVStore s = open();
        return s.hasMap(queueName(endpoint, shortServerId, uri)) ? queue(s, endpoint, shortServerId, uri).sizeAsLong() : 0;
    }

    private static MVMap<Long, String> queue(MVStore s, String endpoint, int shortServerId, URI uri) {
        return queue(s, queueName(endpoint, shortServerId, uri));
    }

    private static MVMap<Long, String> queue(MVStore s, String name) {
        return s.openMap(name,
                new MVMap.Builder<Long, String>().keyType(org.h2.mvstore.type.LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    private static String queueName(String endpoint, int shortServerId, URI uri) {
        return "notifications:" + endpoint + ":" + serverKey(shortServerId, uri);
    }

    // ---- what a server set up on the endpoint: observations, attributes (kept across a kill -9) ----

    /** The entries of one kind (e.g. {@code observations}) a server set up on an endpoint, by key. */
    synchronized Map<String, String> serverEntries(String kind, String endpoint, int shortServerId, URI uri) throws IOException {
        MVStore s = open();
        String prefix = entriesName(kind, endpoint, shortServerId, uri) + SEPARATOR;
        Map<String, String> found = new TreeMap<>();
        MVMap<String, String> entries = map(s, ENTRIES);
        for (var keys = entries.keyIterator(prefix); keys.hasNext();) {
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            found.put(key.substring(prefix.length()), entries.get(key));
        }
        return found;
    }

    /** Stores one entry (replacing the one with the same key); one commit. */
    synchronized void putServerEntry(String kind, String endpoint, int shortServerId, URI uri, String key, String value) throws IOException {
        MVStore s = open();
        try {
            map(s, ENTRIES).put(entriesName(kind, endpoint, shortServerId, uri) + SEPARATOR + key, value);
            s.commit();
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** Removes one entry; one commit if there was one. */
    synchronized void removeServerEntry(String kind, String endpoint, int shortServerId, URI uri, String key) throws IOException {
        MVStore s = open();
        try {
            if (map(s, ENTRIES).remove(entriesName(kind, endpoint, shortServerId, uri) + SEPARATOR + key) != null) {
                s.commit();
            }
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** Removes every entry of that kind for the server (its registration ended); one commit if there were any. */
    synchronized void clearServerEntries(String kind, String endpoint, int shortServerId, URI uri) throws IOException {
        MVStore s = open();
        String prefix = entriesName(kind, endpoint, shortServerId, uri) + SEPARATOR;
        try {
            MVMap<String, String> entries = map(s, ENTRIES);
            List<String> keys = new ArrayList<>();
            for (var it = entries.keyIterator(prefix); it.hasNext();) {
                String key = it.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                keys.add(key);
            }
            if (!keys.isEmpty()) {
                keys.forEach(entries::remove);
                s.commit();
            }
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    private static String entriesName(String kind, String endpoint, int shortServerId, URI uri) {
        return kind + ":" + endpoint + ":" + serverKey(shortServerId, uri);
    }

    // ---- the endpoint's UDP port --------------------------------------------------------------

    /** The local UDP port the endpoint had before (0 when none is stored). */
    synchronized int localPort(String endpoint) throws IOException {
        MVStore s = open();
        if (!s.hasMap(PORTS)) {
            return 0;
        }
        String text = map(s, PORTS).get(endpoint);
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Stores the endpoint's local UDP port when it changed, committed within the group-commit interval (a lost one costs a new port). */
    synchronized void rememberLocalPort(String endpoint, int port) throws IOException {
        MVStore s = open();
        try {
            String previous = map(s, PORTS).put(endpoint, Integer.toString(port));
            if (!Integer.toString(port).equals(previous)) {
                commitLater(s);
            }
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
    }

    /** Closes the file; the store does not open again (the engine makes a new one when it starts again). */
    @Override
    public synchronized void close() {
        closed = true;
        if (store == null) {
            return;
        }
        boolean committed = false;
        try {
            store.close();
            committed = true;
        } catch (MVStoreException e) {
            LOG.warn("Closing {} failed ({}); what was committed before is kept, the rest is in {}", file, e.getMessage(), journal.file());
            store.closeImmediately();
        }
        store = null;
        try {
            if (committed) {
                journal.closeAndDelete(); // the store holds everything
            } else {
                journal.close(); // replayed at the next start
            }
        } catch (IOException e) {
            LOG.warn("Closing {} failed ({}); it is replayed at the next start, which is harmless", journal.file(), e.getMessage());
        }
    }

    // ---- the MVStore --------------------------------------------------------------------------

    /**
     * Commits the changes of stored notifications now, or writes them to the journal and commits
     * once the group-commit interval since the last commit is over (one chunk for all changes
     * meanwhile). When the journal cannot be written, they commit at once.
     */
    private void commitSoon(MVStore s, List<NotificationJournal.Entry> changes) {
        if (commitDue()) {
            commitNow(s);
            return;
        }
        try {
            journal.write(changes);
        } catch (IOException e) {
            LOG.warn("{} cannot be written ({}); the stored notifications commit at once instead. Check the disk (space, permissions).",
                    journal.file(), e.getMessage());
            commitNow(s);
            return;
        }
        commitLater(s);
    }

    /** Whether a change commits at once: no group commit, or the interval since the last commit is over. */
    private boolean commitDue() {
        return scheduler == null || TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastCommitNanos) >= groupCommitMillis;
    }

    /** Commits now, or (with a group-commit interval) once the interval since the last commit is over. */
    private void commitLater(MVStore s) {
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastCommitNanos);
        if (scheduler == null || sinceLast >= groupCommitMillis) {
            commitNow(s);
        } else if (!commitScheduled) {
            commitScheduled = true;
            scheduler.schedule(this::commitPending, groupCommitMillis - sinceLast, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void commitPending() {
        commitScheduled = false;
        if (store == null || closed) {
            return; // close() commits what is pending
        }
        try {
            commitNow(store);
        } catch (MVStoreException e) {
            LOG.error("{}: stored notifications could not be written ({}); they are kept in memory and written with the next change. "
                    + "Check the disk (space, permissions).", file, e.getMessage());
        }
    }

    /** Commits, then empties the journal: the store now holds what it had. */
    private void commitNow(MVStore s) {
        s.commit();
        lastCommitNanos = System.nanoTime();
        try {
            journal.reset();
        } catch (IOException e) {
            // replaying what the store already holds is harmless: it only grows until the next reset
            LOG.warn("{} could not be emptied ({})", journal.file(), e.getMessage());
        }
    }

    /**
     * Applies what the journal holds (the changes of stored notifications since the last commit
     * before an unclean stop) in order, commits and empties it. Changes the store already has
     * apply again without effect: a put of the same key and value, a removal up to a key.
     */
    private void replayJournal(MVStore s) throws IOException {
        NotificationJournal.Contents contents;
        try {
            contents = journal.read();
        } catch (IOException e) {
            LOG.error("{} cannot be read ({}); stored notifications of the last {} ms before an unclean stop may be missing", journal.file(),
                    e.getMessage(), groupCommitMillis);
            return;
        }
        if (contents.entries().isEmpty() && contents.tornBytes() == 0) {
            return;
        }
        java.util.Map<String, java.util.Set<Long>> added = new TreeMap<>();
        long removals = 0;
        try {
            for (NotificationJournal.Entry entry : contents.entries()) {
                MVMap<Long, String> queue = queue(s, entry.queue());
                if (entry instanceof NotificationJournal.Append a) {
                    if (queue.put(a.key(), a.value()) == null) {
                        added.computeIfAbsent(a.queue(), k -> new java.util.HashSet<>()).add(a.key());
                    }
                } else {
                    long upTo = ((NotificationJournal.Remove) entry).upTo();
                    for (Long first = queue.firstKey(); first != null && first <= upTo; first = queue.firstKey()) {
                        queue.remove(first);
                        removals++;
                    }
                }
            }
            s.commit();
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
        long recovered = added.entrySet().stream().mapToLong(q -> {
            MVMap<Long, String> queue = queue(s, q.getKey());
            return q.getValue().stream().filter(queue::containsKey).count();
        }).sum();
        LOG.info("{} stored notifications recovered from the journal after an unclean stop ({} changes replayed, {} values removed by them{})",
                recovered, contents.entries().size(), removals,
                contents.tornBytes() > 0 ? ", a torn last write of " + contents.tornBytes() + " bytes ignored" : "");
        try {
            journal.reset();
        } catch (IOException e) {
            LOG.warn("{} could not be emptied ({}); it is replayed again at the next start, which is harmless", journal.file(), e.getMessage());
        }
    }

    private MVStore open() throws IOException {
        if (closed) {
            throw new IOException(file + " is closed (the LwM2M engine is stopping)");
        }
        if (store != null) {
            return store;
        }
        createFolder();
        ownerOnlyFile();
        try {
            // no auto-commit: nothing reaches the file but what commit() writes, so a bootstrap
            // lands whole or not at all; no background thread either; a small page cache
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(1).open();
        } catch (MVStoreException | IllegalStateException e) {
            throw new IOException(file + " cannot be opened (" + e.getMessage() + "). "
                    + (e instanceof MVStoreException m && m.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED
                            ? "Another process uses it: run one gateway per data folder."
                            : "If it is damaged, stop the gateway and delete it: endpoints provisioned by a bootstrap server then "
                                    + "bootstrap again, and every endpoint registers afresh."), e);
        }
        importLegacyFiles(store);
        mergeLegacyMaps(store);
        replayJournal(store);
        return store;
    }

    /** The store file exists with mode 600 before the store writes anything into it (nothing secret is ever world-readable). */
    private void ownerOnlyFile() throws IOException {
        if (!POSIX) {
            return;
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} was readable by others ({}); set to rw------- (it holds keys)", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static MVMap<String, String> map(MVStore s, String name) {
        return s.openMap(name, new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    private IOException failedWrite(MVStore s, MVStoreException e) {
        try {
            s.rollback(); // what is in memory goes back to what is on disk
        } catch (MVStoreException ignored) {
            // the file is beyond use; the next call reports it again
        }
        return new IOException("cannot write " + file + " (" + e.getMessage() + "); check free space and that data/ is writable", e);
    }

    private static String stateMap(String endpoint) {
        return "state:" + endpoint;
    }

    private static String registrationKey(String endpoint, int shortServerId, URI uri) {
        return endpoint + SEPARATOR + serverKey(shortServerId, uri);
    }

    private static String serverKey(int shortServerId, URI uri) {
        return shortServerId + " " + uri;
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

    // ---- the entries of one endpoint's state ----------------------------------------------------

    private static Map<String, String> encode(ClientState state) {
        Map<String, String> entries = new TreeMap<>();
        state.objects().forEach((objectId, instances) -> instances.forEach((instanceId, instance) -> instance.resources().forEach((id, r) -> {
            String base = objectId + "/" + instanceId + "/" + id;
            if (r.isMultiple()) {
                r.instances().forEach((ri, v) -> entries.put(base + "/" + ri, v.type().name() + ":" + v.toText()));
            } else {
                entries.put(base, r.value().type().name() + ":" + r.value().toText());
            }
        })));
        return entries;
    }

    /** The state from its entries; {@code where} names the file (and the endpoint) in the error. */
    private static ClientState decode(Map<String, String> entries, String where) throws IOException {
        Map<Integer, SortedMap<Integer, InstanceContent>> objects = new TreeMap<>();
        Map<LwM2mPath, Map<Integer, Value>> multi = new TreeMap<>();
        Map<LwM2mPath, Resource> single = new TreeMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            String text = entry.getValue();
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
                throw new IOException(where + ": entry '" + key + "' does not parse (" + e.getMessage()
                        + "); delete the file (the endpoint then bootstraps again)", e);
            }
        }
        multi.forEach((path, values) -> single.put(path, Resource.ofInstances(path.resourceId(), values.values().iterator().next().type(), values)));
        Map<LwM2mPath, Map<Integer, Resource>> byInstance = new TreeMap<>();
        single.forEach((path, r) -> byInstance.computeIfAbsent(path.parent(), k -> new TreeMap<>()).put(r.id(), r));
        byInstance.forEach((instance, resources) -> objects.computeIfAbsent(instance.objectId(), k -> new TreeMap<>())
                .put(instance.instanceId(), InstanceContent.of(instance.instanceId(), resources.values())));
        return ClientState.of(objects);
    }

    // ---- migration from <endpoint>.properties (earlier versions) ---------------------------------

    /**
     * Imports every {@code <endpoint>.properties} file an earlier version wrote (one commit, forced
     * to disk), then renames each to {@code .migrated}. A file exists only if that version wrote
     * it after the last import, so it replaces what the store holds for that endpoint.
     */
    private void importLegacyFiles(MVStore s) throws IOException {
        List<Path> legacy;
        try (Stream<Path> files = Files.list(folder)) {
            legacy = files.filter(f -> f.getFileName().toString().endsWith(LEGACY_SUFFIX) && Files.isRegularFile(f)).sorted().toList();
        }
        List<Path> imported = new ArrayList<>();
        for (Path f : legacy) {
            String name = f.getFileName().toString();
            String endpoint = URLDecoder.decode(name.substring(0, name.length() - LEGACY_SUFFIX.length()), StandardCharsets.UTF_8);
            try {
                ClientState state = readLegacy(f);
                MVMap<String, String> map = map(s, stateMap(endpoint));
                map.clear();
                map.putAll(encode(state));
                imported.add(f);
                LOG.info("Endpoint '{}': provisioned state imported from {} ({})", endpoint, f, state);
            } catch (IOException e) {
                LOG.error("{}. It was not imported into {}; the endpoint starts without provisioned servers.", e.getMessage(), file);
            }
        }
        if (imported.isEmpty()) {
            return;
        }
        try {
            s.commit();
            s.sync();
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
        for (Path f : imported) {
            Path done = f.resolveSibling(f.getFileName() + ".migrated");
            Files.move(f, done, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("{} provisioned state file(s) imported into {} and renamed *.migrated (they hold keys: delete them once the "
                + "gateway runs as expected)", imported.size(), file);
    }

    /**
     * Moves what earlier versions kept in a map per endpoint ({@code registrations:<endpoint>},
     * {@code <kind>:<endpoint>:<ssid> <uri>}) into the shared maps; one commit.
     */
    private void mergeLegacyMaps(MVStore s) throws IOException {
        List<String> legacy = s.getMapNames().stream().filter(n -> n.indexOf(':') > 0 && !n.startsWith("state:")
                && !n.startsWith("notifications:")).toList();
        if (legacy.isEmpty()) {
            return;
        }
        try {
            for (String name : legacy) {
                MVMap<String, String> old = map(s, name);
                if (name.startsWith(LEGACY_REGISTRATIONS)) {
                    String endpoint = name.substring(LEGACY_REGISTRATIONS.length());
                    old.forEach((k, v) -> map(s, REGISTRATIONS).put(endpoint + SEPARATOR + k, v));
                } else {
                    old.forEach((k, v) -> map(s, ENTRIES).put(name + SEPARATOR + k, v));
                }
                s.removeMap(old);
            }
            s.commit();
        } catch (MVStoreException e) {
            throw failedWrite(s, e);
        }
        LOG.info("{}: {} per-endpoint map(s) of an earlier version merged into the shared ones", file, legacy.size());
    }

    private static ClientState readLegacy(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(f + " does not parse (" + e.getMessage() + ")", e);
        }
        Map<String, String> entries = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k)));
        return decode(entries, f.toString());
    }
}
