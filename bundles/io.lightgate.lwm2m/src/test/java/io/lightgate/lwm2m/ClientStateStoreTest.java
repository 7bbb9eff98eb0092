/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The client state store on disk (a real MVStore file in a temporary folder): round trip across
 * a reopen, mode 600, a commit that lands whole or not at all, registration locations, the
 * import of the earlier properties files, and a damaged file named with what to do.
 */
public class ClientStateStoreTest {

    private static final URI DM = URI.create("coap://dm.example:5683");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static ClientState provisioned(String serverUri, byte[] key, int ssid) {
        return ClientState.empty().withBootstrapAccount("coap://bs.example:5783")
                .write(LwM2mPath.of(0, 1), List.of(Resource.of(0, Value.of(serverUri)), Resource.of(1, Value.of(false)),
                        Resource.of(2, Value.of(SecurityInstance.PSK)), Resource.of(3, Value.ofOpaque("gw-1".getBytes())),
                        Resource.of(5, Value.ofOpaque(key)), Resource.of(10, Value.of(ssid))))
                .write(LwM2mPath.of(1, 0), List.of(Resource.of(0, Value.of(ssid)), Resource.of(1, Value.of(300)),
                        Resource.of(7, Value.of("U"))))
                .write(LwM2mPath.of(2, 0), List.of(Resource.of(0, Value.of(3)), Resource.of(1, Value.of(0)),
                        Resource.ofInstances(2, ResourceType.INTEGER, Map.of(ssid, Value.of(15))), Resource.of(3, Value.of(ssid))));
    }

    private static ClientState provisioned() {
        return provisioned(DM.toString(), new byte[] { 0x01, 0x02, (byte) 0xFF }, 101);
    }

    private Path stateFolder() {
        return temp.getRoot().toPath().resolve("lwm2m").resolve("state");
    }

    @Test
    public void stateSurvivesAReopenAndOnlyTheOwnerCanReadTheFile() throws IOException {
        ClientState state = provisioned();
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            store.save("gw/1", state);
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            ClientState loaded = store.load("gw/1");
            assertEquals(state, loaded);
            SecurityInstance dm = loaded.securityInstances().stream().filter(s -> s.shortServerId() == 101).findFirst().orElseThrow();
            assertArrayEquals(new byte[] { 0x01, 0x02, (byte) 0xFF }, dm.secretKey());
            assertEquals(SecurityInstance.PSK, dm.securityMode());
            assertEquals(List.of(101), loaded.servers().stream().map(ServerDefinition::shortServerId).toList());
            assertEquals(300, loaded.servers().get(0).lifetime());
            assertTrue("another endpoint has nothing stored", store.load("gw/2").isEmpty());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.folder())));
            try (var files = Files.list(store.folder())) {
                assertEquals("only the store file, nothing else", List.of(store.file()), files.toList());
            }
        }
    }

    @Test
    public void theFileIsOwnerOnlyBeforeAnythingIsWrittenAndIsTightenedIfItWasNot() throws IOException {
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertTrue(store.load("gw").isEmpty()); // opens (creates) the store, writes no state
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
        Path file = stateFolder().resolve(ClientStateStore.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            store.load("gw");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    /**
     * Simulates a crash in the middle of a save: the file as it was after state A, with any prefix
     * of the bytes that saving state B changed. Each such file opens with A or with B, whole,
     * never with a mix of their credentials.
     */
    @Test
    public void aSaveLandsWholeOrNotAtAll() throws IOException {
        // A has an account B does not: loading B whole shows that a save replaces, not merges
        ClientState a = provisioned("coap://old.example:5683", new byte[] { 1, 1, 1, 1 }, 101)
                .write(LwM2mPath.of(0, 3), List.of(Resource.of(0, Value.of("coap://gone.example:5683")), Resource.of(1, Value.of(false)),
                        Resource.of(2, Value.of(SecurityInstance.NO_SEC)), Resource.of(10, Value.of(104))));
        ClientState b = provisioned("coap://new.example:5683", new byte[] { 2, 2, 2, 2 }, 102)
                .write(LwM2mPath.of(0, 2), List.of(Resource.of(0, Value.of("coap://second.example:5683")), Resource.of(1, Value.of(false)),
                        Resource.of(2, Value.of(SecurityInstance.NO_SEC)), Resource.of(10, Value.of(103))));
        Path live = stateFolder();
        byte[] afterA;
        byte[] afterB;
        try (ClientStateStore store = new ClientStateStore(live)) {
            store.save("gw", a);
            afterA = Files.readAllBytes(store.file()); // what kill -9 right after the commit of A leaves
            store.save("gw", b);
            afterB = Files.readAllBytes(store.file());
        }
        int sawA = 0;
        int sawB = 0;
        int length = Math.max(afterA.length, afterB.length);
        int changed = 0;
        for (int i = 0; i < length; i++) {
            if (i >= afterA.length || i >= afterB.length || afterA[i] != afterB[i]) {
                changed++;
            }
        }
        assertTrue("saving B changed the file", changed > 0);
        // cut points: every 512 bytes of the changed region, plus its ends
        for (int cut = 0; cut <= length; cut += 512) {
            byte[] torn = tornWrite(afterA, afterB, cut);
            Path folder = temp.getRoot().toPath().resolve("torn-" + cut);
            Files.createDirectories(folder);
            Files.write(folder.resolve(ClientStateStore.FILE_NAME), torn);
            try (ClientStateStore store = new ClientStateStore(folder)) {
                ClientState loaded = store.load("gw");
                if (loaded.equals(a)) {
                    sawA++;
                } else if (loaded.equals(b)) {
                    sawB++;
                } else {
                    fail("after a crash at byte " + cut + " the store holds neither the old nor the new state: " + loaded);
                }
            }
        }
        assertTrue("some crash points keep the old state (A " + sawA + ", B " + sawB + ")", sawA > 0);
        assertTrue("the complete write has the new state (A " + sawA + ", B " + sawB + ")", sawB > 0);
    }

    /** The file after A, with the bytes B wrote up to {@code cut} (in file order) and none after. */
    private static byte[] tornWrite(byte[] afterA, byte[] afterB, int cut) {
        byte[] torn = java.util.Arrays.copyOf(afterA, Math.max(afterA.length, Math.min(cut, afterB.length)));
        for (int i = 0; i < Math.min(cut, afterB.length); i++) {
            torn[i] = afterB[i];
        }
        return torn;
    }

    @Test
    public void registrationLocationsAreKeptPerServerUntilForgotten() throws IOException {
        StoredRegistration first = new StoredRegistration("/rd/abc", Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofSeconds(300));
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(Optional.empty(), store.registration("gw", 1, DM));
            store.rememberRegistration("gw", 1, DM, first);
            store.rememberRegistration("gw", 2, URI.create("coap://other.example:5683"), new StoredRegistration("/rd/x", Instant.now(),
                    Duration.ofSeconds(60)));
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(Optional.of(first), store.registration("gw", 1, DM));
            assertEquals("another Short Server ID is another server", Optional.empty(), store.registration("gw", 2, DM));
            assertEquals("another endpoint has its own", Optional.empty(), store.registration("gw-2", 1, DM));
            store.forgetRegistration("gw", 1, DM);
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(Optional.empty(), store.registration("gw", 1, DM));
            assertEquals("/rd/x", store.registration("gw", 2, URI.create("coap://other.example:5683")).orElseThrow().location());
        }
    }

    @Test
    public void storedNotificationsKeepTheirOrderAcrossAReopenAndTheOldestGoWhenFull() throws IOException {
        Instant t0 = Instant.ofEpochMilli(1_700_000_000_123L);
        List<StoredValue> values = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            values.add(new StoredValue(t0.plusMillis(10L * i), LwM2mPath.of(4, 0, 2), Value.of(-i)));
        }
        values.add(new StoredValue(t0.plusMillis(70), LwM2mPath.parse("/3303/0/5750"), Value.of("with spaces\nand a line")));
        values.add(new StoredValue(t0.plusMillis(80), LwM2mPath.parse("/4/0/1/2"), Value.of(41)));
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(0, store.appendStored("gw", 1, DM, values.subList(0, 5), 8));
            assertEquals("beyond 8 values the oldest go", 1, store.appendStored("gw", 1, DM, values.subList(5, 9), 8));
            assertEquals(8, store.storedCount("gw", 1, DM));
            assertEquals("another server has its own queue", 0, store.storedCount("gw", 2, DM));
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            SortedMap<Long, StoredValue> first = store.storedBatch("gw", 1, DM, 3);
            assertEquals(values.subList(1, 4), List.copyOf(first.values()));
            store.removeStored("gw", 1, DM, first.lastKey());
            SortedMap<Long, StoredValue> rest = store.storedBatch("gw", 1, DM, 100);
            assertEquals(values.subList(4, 9), List.copyOf(rest.values()));
            store.removeStored("gw", 1, DM, rest.lastKey());
            assertEquals(0, store.storedCount("gw", 1, DM));
            store.appendStored("gw", 1, DM, values.subList(0, 1), 8);
            assertEquals("an emptied queue takes values again", values.subList(0, 1), List.copyOf(store.storedBatch("gw", 1, DM, 10).values()));
        }
    }

    @Test
    public void storeAndForwardChurnKeepsTheFileSmall() throws IOException {
        // a long outage with a fast source: every value stored, then forwarded and removed
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ClientStateStore store = new ClientStateStore(stateFolder(), scheduler, 50)) {
            for (int i = 0; i < 8_000; i++) {
                store.appendStored("gw", 1, DM, List.of(new StoredValue(Instant.now(), LwM2mPath.parse("/3303/0/5700"), Value.of(i * 0.5))), 100);
                store.removeStored("gw", 1, DM, Long.MAX_VALUE);
            }
            store.appendStored("gw", 1, DM, List.of(new StoredValue(Instant.now(), LwM2mPath.parse("/3303/0/5700"), Value.of(-1.0))), 100);
            long size = Files.size(stateFolder().resolve(ClientStateStore.FILE_NAME));
            // one commit per value wrote 16,000 chunks of 8 KB or more: 250 MB kept for the retention time
            assertTrue("store file after 16,000 changes: " + size / 1024 + " KB", size < 16 * 1024 * 1024);
        } finally {
            scheduler.shutdownNow();
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals("the value appended last is kept by close", 1, store.storedCount("gw", 1, DM));
        }
    }

    @Test
    public void aGroupedCommitReachesTheDiskWithoutAnotherChange() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Path copy = temp.getRoot().toPath().resolve("copy").resolve("state");
        Files.createDirectories(copy);
        try (ClientStateStore store = new ClientStateStore(stateFolder(), scheduler, 50)) {
            store.appendStored("gw", 1, DM, List.of(new StoredValue(Instant.now(), LwM2mPath.of(3, 0, 9), Value.of(1))), 100);
            store.appendStored("gw", 1, DM, List.of(new StoredValue(Instant.now(), LwM2mPath.of(3, 0, 9), Value.of(2))), 100);
            // what a kill -9 would leave: the file as it is on disk now, opened by another store
            long onDisk = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (onDisk < 2 && System.nanoTime() < deadline) {
                Files.copy(stateFolder().resolve(ClientStateStore.FILE_NAME), copy.resolve(ClientStateStore.FILE_NAME),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (ClientStateStore crashed = new ClientStateStore(copy)) {
                    onDisk = crashed.storedCount("gw", 1, DM);
                }
                Thread.onSpinWait();
            }
            assertEquals("both values on disk within the group-commit interval", 2, onDisk);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    public void aNotificationIsStoredAsItsResourceValues() {
        Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
        Resource multi = Resource.ofInstances(6, ResourceType.INTEGER, Map.of(0, Value.of(1), 1, Value.of(5)));
        InstanceContent device = InstanceContent.of(0, List.of(Resource.of(0, Value.of("Lightgate")), multi));
        assertEquals(List.of(new StoredValue(t, LwM2mPath.of(3, 0, 0), Value.of("Lightgate")), new StoredValue(t, LwM2mPath.parse("/3/0/6/0"),
                Value.of(1)), new StoredValue(t, LwM2mPath.parse("/3/0/6/1"), Value.of(5))), StoredValue.of(LwM2mPath.of(3, 0), device, t));
        assertEquals(List.of(new StoredValue(t, LwM2mPath.parse("/3/0/6/1"), Value.of(5))), StoredValue.of(LwM2mPath.parse("/3/0/6/1"), multi, t));
        StoredValue opaque = new StoredValue(t, LwM2mPath.of(3, 0, 0), Value.ofOpaque(new byte[] { 0, 1, (byte) 0xff }));
        assertEquals(opaque, StoredValue.decode(opaque.encode()));
    }

    @Test
    public void aStoredRegistrationIsLiveUntilItsLifetimeEnds() {
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        StoredRegistration r = new StoredRegistration("/rd/5a3f", at, Duration.ofSeconds(300));
        assertTrue(r.liveAt(at.plusSeconds(299)));
        assertFalse(r.liveAt(at.plusSeconds(300)));
        assertEquals(r, StoredRegistration.decode(r.encode()));
    }

    @Test
    public void propertiesFilesOfTheEarlierVersionAreImportedOnce() throws IOException {
        Files.createDirectories(stateFolder());
        ClientState state = provisioned();
        Path legacy = stateFolder().resolve(URLEncoder.encode("gw/1", StandardCharsets.UTF_8) + ".properties");
        writeLegacy(legacy, state);
        Path broken = stateFolder().resolve("broken.properties");
        Files.writeString(broken, "0/1/0=STRING:coap://x\n1/0/1=INTEGER:not-a-number\n");

        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(state, store.load("gw/1"));
            assertTrue("a file that does not parse is not imported", store.load("broken").isEmpty());
        }
        assertFalse(Files.exists(legacy));
        assertTrue("renamed once imported", Files.isRegularFile(legacy.resolveSibling(legacy.getFileName() + ".migrated")));
        assertTrue("a file that does not parse is left for the user", Files.isRegularFile(broken));

        // a second start does not import again, and a bootstrap after the import wins
        ClientState newer = provisioned("coap://newer.example:5683", new byte[] { 9 }, 7);
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            store.save("gw/1", newer);
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(newer, store.load("gw/1"));
        }
    }

    /** The format the previous version wrote: o/i/r[/ri] = TYPE:text (opaque as base64). */
    private static void writeLegacy(Path file, ClientState state) throws IOException {
        Properties p = new Properties();
        state.objects().forEach((o, instances) -> instances.forEach((i, instance) -> instance.resources().forEach((r, resource) -> {
            if (resource.isMultiple()) {
                resource.instances().forEach((ri, v) -> p.setProperty(o + "/" + i + "/" + r + "/" + ri, v.type().name() + ":" + v.toText()));
            } else {
                p.setProperty(o + "/" + i + "/" + r, resource.value().type().name() + ":" + resource.value().toText());
            }
        })));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "written as the previous version did");
        }
        assertTrue("opaque values are base64 in that format", Files.readString(file).contains(
                Base64.getEncoder().encodeToString(new byte[] { 0x01, 0x02, (byte) 0xFF }).replace("=", "\\=")));
    }

    @Test
    public void aDamagedFileIsNamedWithWhatToDoAndLeftAsItIs() throws IOException {
        Files.createDirectories(stateFolder());
        Path file = stateFolder().resolve(ClientStateStore.FILE_NAME);
        byte[] garbage = new byte[8192];
        new java.util.Random(11).nextBytes(garbage);
        Files.write(file, garbage);
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            try {
                store.load("gw");
                fail("a damaged store loads");
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(file.toString()) && e.getMessage().contains("delete it"));
            }
            try {
                store.save("gw", provisioned());
                fail("a damaged store takes a save");
            } catch (IOException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
            }
            assertArrayEquals("the damaged file is not touched", garbage, Files.readAllBytes(file));

            // the user deletes it: the next use starts a new store, without a restart
            Files.delete(file);
            store.save("gw", provisioned());
            assertEquals(provisioned(), store.load("gw"));
        }
    }

    @Test
    public void aClosedStoreDoesNotOpenAgain() throws IOException {
        ClientStateStore store = new ClientStateStore(stateFolder());
        store.save("gw", provisioned());
        store.close();
        try {
            store.rememberRegistration("gw", 1, DM, new StoredRegistration("/rd/1", Instant.now(), Duration.ofSeconds(60)));
            fail("a closed store took a write");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("closed"));
        }
        try (ClientStateStore again = new ClientStateStore(stateFolder())) {
            assertEquals(Optional.empty(), again.registration("gw", 1, DM));
            assertEquals(provisioned(), again.load("gw"));
        }
    }

    @Test
    public void finishNeedsACompleteAccountAndDeleteKeepsTheBootstrapAccount() {
        ClientState state = provisioned();
        assertTrue(state.inconsistency().isEmpty());
        ClientState deleted = state.delete(LwM2mPath.ROOT);
        assertEquals(1, deleted.instances(0).size());
        assertTrue(deleted.securityInstances().get(0).bootstrapServer());
        assertTrue(deleted.instances(1).isEmpty() && deleted.instances(2).isEmpty());
        assertTrue(deleted.inconsistency().orElseThrow(), deleted.inconsistency().orElseThrow().contains("no complete server account"));
        ClientState mismatched = state.write(LwM2mPath.of(1, 0), List.of(Resource.of(0, Value.of(102))));
        assertTrue(mismatched.inconsistency().orElseThrow(), mismatched.inconsistency().orElseThrow().contains("Short Server ID 101"));
    }
    @Test
    public void observationsAttributesAndThePortOfAServerSurviveAReopenAndEndWithTheRegistration() throws IOException {
        StoredObservation single = new StoredObservation(new byte[] { 1, 2, 3, 4 }, false, true, LwM2mPath.of(3, 0, 13), 0, -1, null);
        StoredObservation composite = new StoredObservation(new byte[] { 9 }, true, false, LwM2mPath.ROOT, 112, 110,
                "[{\"n\":\"/3/0/9\"}]".getBytes(StandardCharsets.UTF_8));
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            store.putServerEntry(Observations.STORED, "gw", 101, DM, single.key(), single.encode());
            store.putServerEntry(Observations.STORED, "gw", 101, DM, composite.key(), composite.encode());
            store.putServerEntry(ServerAttributes.STORED, "gw", 101, DM, "/3/0/13", "pmin=1&pmax=5");
            store.putServerEntry(Observations.STORED, "gw", 102, DM, single.key(), single.encode());
            store.rememberLocalPort("gw", 45020);
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            Map<String, String> kept = store.serverEntries(Observations.STORED, "gw", 101, DM);
            assertEquals(List.of(single, composite), kept.values().stream().map(StoredObservation::decode)
                    .sorted((a, b) -> Integer.compare(b.token().length, a.token().length)).toList());
            assertEquals(Map.of("/3/0/13", "pmin=1&pmax=5"), store.serverEntries(ServerAttributes.STORED, "gw", 101, DM));
            assertEquals(45020, store.localPort("gw"));
            assertEquals("no port stored for another endpoint", 0, store.localPort("other"));
            assertTrue("another endpoint has none", store.serverEntries(Observations.STORED, "other", 101, DM).isEmpty());

            store.removeServerEntry(Observations.STORED, "gw", 101, DM, single.key());
            assertEquals(List.of(composite.key()), List.copyOf(store.serverEntries(Observations.STORED, "gw", 101, DM).keySet()));
            store.clearServerEntries(Observations.STORED, "gw", 101, DM);
            assertTrue(store.serverEntries(Observations.STORED, "gw", 101, DM).isEmpty());
            assertEquals("another server's are kept", 1, store.serverEntries(Observations.STORED, "gw", 102, DM).size());
        }
    }

    @Test
    public void manyEndpointsShareAFewMapsAndTheirEntriesStayApart() throws IOException {
        StoredRegistration r = new StoredRegistration("/rd/1", Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofSeconds(300));
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            for (int i = 0; i < 200; i++) {
                store.rememberRegistration("ep-" + i, 1, DM, r);
                store.rememberLocalPort("ep-" + i, 40_000 + i);
                store.putServerEntry(Observations.STORED, "ep-" + i, 1, DM, "k", "v" + i);
            }
            // an endpoint whose name is another's with more after it, a Short Server ID that starts like another
            store.putServerEntry(Observations.STORED, "ep-1", 10, DM, "k", "other server");
        }
        // a commit visits every open map: their number must not grow with the endpoints
        try (org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(stateFolder().resolve(ClientStateStore.FILE_NAME)
                .toString()).readOnly().open()) {
            assertTrue(raw.getMapNames().toString(), raw.getMapNames().size() <= 4);
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals("/rd/1", store.registration("ep-199", 1, DM).orElseThrow().location());
            assertEquals(40_007, store.localPort("ep-7"));
            assertEquals(Map.of("k", "v1"), store.serverEntries(Observations.STORED, "ep-1", 1, DM));
            assertEquals(Map.of("k", "other server"), store.serverEntries(Observations.STORED, "ep-1", 10, DM));
            store.clearServerEntries(Observations.STORED, "ep-1", 1, DM);
            assertEquals(Map.of(), store.serverEntries(Observations.STORED, "ep-1", 1, DM));
            assertEquals(Map.of("k", "v10"), store.serverEntries(Observations.STORED, "ep-10", 1, DM));
            assertEquals(Map.of("k", "other server"), store.serverEntries(Observations.STORED, "ep-1", 10, DM));
        }
    }

    @Test
    public void theMapsPerEndpointOfAnEarlierVersionAreMerged() throws IOException {
        Files.createDirectories(stateFolder());
        StoredRegistration r = new StoredRegistration("/rd/old", Instant.ofEpochMilli(1_700_000_000_000L), Duration.ofSeconds(300));
        try (org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(stateFolder().resolve(ClientStateStore.FILE_NAME)
                .toString()).open()) {
            // as an earlier version wrote them: String keys and values
            var strings = new org.h2.mvstore.MVMap.Builder<String, String>().keyType(org.h2.mvstore.type.StringDataType.INSTANCE)
                    .valueType(org.h2.mvstore.type.StringDataType.INSTANCE);
            raw.openMap("registrations:gw", strings).put("1 " + DM, r.encode());
            raw.openMap(Observations.STORED + ":gw:1 " + DM, strings).put("token", "observation");
            raw.openMap("ports", strings).put("gw", "45000");
            raw.commit();
        }
        try (ClientStateStore store = new ClientStateStore(stateFolder())) {
            assertEquals(Optional.of(r), store.registration("gw", 1, DM));
            assertEquals(Map.of("token", "observation"), store.serverEntries(Observations.STORED, "gw", 1, DM));
            assertEquals(45000, store.localPort("gw"));
        }
        try (org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(stateFolder().resolve(ClientStateStore.FILE_NAME)
                .toString()).readOnly().open()) {
            assertFalse(raw.getMapNames().toString(), raw.hasMap("registrations:gw"));
        }
    }

    @Test
    public void anObservationWithAnEmptyTokenIsKeptAndReadsBack() {
        StoredObservation empty = new StoredObservation(new byte[0], false, false, LwM2mPath.of(3, 0), 11542, -1, null);
        assertEquals("-", empty.key());
        assertEquals(empty, StoredObservation.decode(empty.encode()));
        assertEquals(0, StoredObservation.decode(empty.encode()).token().length);
    }

    @Test
    public void aStoredObservationReadsBackAsWrittenAndBadTextIsRefused() {
        StoredObservation o = new StoredObservation(new byte[] { (byte) 0xD9, (byte) 0x94, 0x47 }, true, false, LwM2mPath.ROOT, 112, 110,
                new byte[] { 0, (byte) 0xFF, ' ' });
        assertEquals(o, StoredObservation.decode(o.encode()));
        assertEquals("d99447", o.key());
        for (String bad : List.of("", "d994 GET CON /3/0/13 0 -1", "d994 PUT CON /3/0/13 0 -1 -", "d994 GET ACK /3/0 0 -1 -",
                "zz GET CON /3 0 -1 -", " GET CON /3 0 -1 -", "0102030405060708090a GET CON /3 0 -1 -", "d994 GET CON /3/x 0 -1 -")) {
            try {
                StoredObservation.decode(bad);
                fail("accepted '" + bad + "'");
            } catch (IllegalArgumentException expected) {
                // the message names what is wrong
            }
        }
    }
}
