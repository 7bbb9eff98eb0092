/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.lwm2m.NotificationJournal.Append;
import io.lightgate.lwm2m.NotificationJournal.Entry;
import io.lightgate.lwm2m.NotificationJournal.Remove;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Value;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The journal on its own (append, read back, torn end, reset) and replayed by the store after an unclean stop. */
public class NotificationJournalTest {

    private static final URI DM = URI.create("coap://dm.example:5683");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path file() {
        return temp.getRoot().toPath().resolve(NotificationJournal.FILE_NAME);
    }

    private static List<Entry> sample() {
        return List.of(new Append("notifications:gw:1 coap://dm", 1, "1700000000000 /3/0/9 INTEGER:1"),
                new Append("notifications:gw:1 coap://dm", 2, "with\nnewline and ünïcode"), new Remove("notifications:gw:1 coap://dm", 1),
                new Append("notifications:other:2 coap://x", 7, ""));
    }

    @Test
    public void entriesReadBackInOrderAcrossWritesAndTheFileIsOwnerOnly() throws IOException {
        try (NotificationJournal journal = new NotificationJournal(file())) {
            assertEquals("no file: nothing", List.of(), journal.read().entries());
            assertFalse("nothing written, no file", Files.exists(file()));
            journal.write(sample().subList(0, 2));
            journal.write(sample().subList(2, 4));
            assertEquals(sample(), journal.read().entries());
            assertEquals(0, journal.read().tornBytes());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        }
        try (NotificationJournal again = new NotificationJournal(file())) {
            assertEquals("another instance (the next start) reads the same", sample(), again.read().entries());
            again.write(List.of(new Remove("q", 9)));
            List<Entry> all = new ArrayList<>(sample());
            all.add(new Remove("q", 9));
            assertEquals("a reopened journal appends after what is there", all, again.read().entries());
        }
    }

    /** Every cut of the last record (a kill -9 in the middle of its write) keeps the records before it. */
    @Test
    public void aTornLastRecordIsIgnoredAtEveryCut() throws IOException {
        try (NotificationJournal journal = new NotificationJournal(file())) {
            journal.write(sample());
        }
        byte[] whole = Files.readAllBytes(file());
        int lastRecord = NotificationJournal.encode(sample().subList(3, 4)).remaining();
        for (int cut = whole.length - lastRecord; cut < whole.length; cut++) {
            Files.write(file(), Arrays.copyOf(whole, cut));
            NotificationJournal.Contents contents = new NotificationJournal(file()).read();
            assertEquals("cut at " + cut, sample().subList(0, 3), contents.entries());
            assertEquals(cut - (whole.length - lastRecord), contents.tornBytes());
        }
        // a flipped byte in the last record's payload: its CRC no longer matches
        byte[] flipped = whole.clone();
        flipped[whole.length - 1] ^= 0x20;
        Files.write(file(), flipped);
        assertEquals(sample().subList(0, 3), new NotificationJournal(file()).read().entries());
        // garbage in a length field stops the reading there, nothing after it is trusted
        byte[] badLength = whole.clone();
        badLength[0] = (byte) 0x7f;
        Files.write(file(), badLength);
        assertEquals(List.of(), new NotificationJournal(file()).read().entries());
    }

    @Test
    public void resetEmptiesTheFileAndWritingGoesOnFromItsStart() throws IOException {
        try (NotificationJournal journal = new NotificationJournal(file())) {
            journal.write(sample());
            journal.reset();
            assertEquals(0, Files.size(file()));
            assertEquals(List.of(), journal.read().entries());
            journal.write(sample().subList(1, 2));
            assertEquals(sample().subList(1, 2), journal.read().entries());
            journal.closeAndDelete();
        }
        assertFalse(Files.exists(file()));
        Files.write(file(), NotificationJournal.encode(sample()).array());
        try (NotificationJournal other = new NotificationJournal(file())) {
            other.reset(); // a journal left by an earlier process
            assertEquals(0, Files.size(file()));
        }
    }

    private static StoredValue value(int i) {
        return new StoredValue(Instant.ofEpochMilli(1_700_000_000_000L + i), LwM2mPath.of(3, 0, 9), Value.of(i));
    }

    /**
     * What a kill -9 within the group-commit interval leaves: the store file without the last
     * changes, and the journal with them. Opened again, the store holds them, once each.
     */
    @Test
    public void theStoreReplaysTheJournalOnceAndTheReplayIsHarmlessForWhatItAlreadyHas() throws Exception {
        Path live = temp.getRoot().toPath().resolve("live");
        Path crashed = temp.getRoot().toPath().resolve("crashed");
        Files.createDirectories(crashed);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ClientStateStore store = new ClientStateStore(live, scheduler, 60_000)) {
            store.appendStored("gw", 1, DM, List.of(value(0), value(1), value(2)), 100); // commits at once (first change)
            store.appendStored("gw", 1, DM, List.of(value(3), value(4)), 100); // journal only, for a minute
            store.removeStored("gw", 1, DM, 2); // values 0 and 1 reached the server
            store.appendStored("gw", 1, DM, List.of(value(5)), 3); // drops value 2
            assertEquals(3, store.storedCount("gw", 1, DM));
            // the files as a kill -9 now leaves them
            Files.copy(live.resolve(ClientStateStore.FILE_NAME), crashed.resolve(ClientStateStore.FILE_NAME));
            Files.copy(live.resolve(NotificationJournal.FILE_NAME), crashed.resolve(NotificationJournal.FILE_NAME));
        } finally {
            scheduler.shutdownNow();
        }
        assertFalse("a clean close leaves no journal", Files.exists(live.resolve(NotificationJournal.FILE_NAME)));
        List<StoredValue> expected = List.of(value(3), value(4), value(5));
        try (ClientStateStore store = new ClientStateStore(crashed)) {
            assertEquals(expected, List.copyOf(store.storedBatch("gw", 1, DM, 100).values()));
            assertEquals("the replayed journal is emptied", 0, Files.size(crashed.resolve(NotificationJournal.FILE_NAME)));
        }
        // the same changes replayed over a store that already has all of them (a kill -9 between commit and reset)
        Path both = temp.getRoot().toPath().resolve("both");
        Files.createDirectories(both);
        Files.copy(live.resolve(ClientStateStore.FILE_NAME), both.resolve(ClientStateStore.FILE_NAME));
        try (NotificationJournal journal = new NotificationJournal(both.resolve(NotificationJournal.FILE_NAME))) {
            String queue = "notifications:gw:1 " + DM;
            journal.write(List.of(new Append(queue, 4, value(3).encode()), new Append(queue, 5, value(4).encode()), new Remove(queue, 2),
                    new Append(queue, 6, value(5).encode()), new Remove(queue, 3)));
        }
        try (ClientStateStore store = new ClientStateStore(both)) {
            assertEquals("nothing twice, nothing removed comes back", expected, List.copyOf(store.storedBatch("gw", 1, DM, 100).values()));
        }
        assertTrue(Files.exists(both.resolve(ClientStateStore.FILE_NAME)));
    }
}
