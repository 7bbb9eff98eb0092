/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The provisioned state on disk: round trip, file mode, no temporary files left, a damaged file named. */
public class ClientStateStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static ClientState provisioned() {
        byte[] key = { 0x01, 0x02, (byte) 0xFF };
        return ClientState.empty().withBootstrapAccount("coap://bs.example:5783")
                .write(LwM2mPath.of(0, 1), List.of(Resource.of(0, Value.of("coap://dm.example:5683")), Resource.of(1, Value.of(false)),
                        Resource.of(2, Value.of(SecurityInstance.PSK)), Resource.of(3, Value.ofOpaque("gw-1".getBytes())),
                        Resource.of(5, Value.ofOpaque(key)), Resource.of(10, Value.of(101))))
                .write(LwM2mPath.of(1, 0), List.of(Resource.of(0, Value.of(101)), Resource.of(1, Value.of(300)),
                        Resource.of(7, Value.of("U"))))
                .write(LwM2mPath.of(2, 0), List.of(Resource.of(0, Value.of(3)), Resource.of(1, Value.of(0)),
                        Resource.ofInstances(2, ResourceType.INTEGER, Map.of(101, Value.of(15))), Resource.of(3, Value.of(101))));
    }

    @Test
    public void roundTripKeepsEveryResourceAndTheFileIsOwnerOnly() throws IOException {
        ClientStateStore store = new ClientStateStore(temp.getRoot().toPath().resolve("state"));
        ClientState state = provisioned();
        store.save("gw/1", state);
        ClientState loaded = store.load("gw/1");
        assertEquals(state, loaded);
        SecurityInstance dm = loaded.securityInstances().stream().filter(s -> s.shortServerId() == 101).findFirst().orElseThrow();
        assertArrayEquals(new byte[] { 0x01, 0x02, (byte) 0xFF }, dm.secretKey());
        assertEquals(SecurityInstance.PSK, dm.securityMode());
        assertEquals(List.of(101), loaded.servers().stream().map(ServerDefinition::shortServerId).toList());
        assertEquals(300, loaded.servers().get(0).lifetime());
        Path file = store.file("gw/1");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(store.folder())) {
            assertEquals("only the state file, no temporary file left", List.of(file), files.toList());
        }
    }

    @Test
    public void noFileIsTheEmptyStateAndADamagedFileIsNamed() throws IOException {
        ClientStateStore store = new ClientStateStore(temp.getRoot().toPath());
        assertTrue(store.load("nobody").isEmpty());
        Files.writeString(store.file("broken"), "0/1/0=STRING:coap://x\n1/0/1=INTEGER:not-a-number\n");
        try {
            store.load("broken");
            fail("a damaged file loads");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(store.file("broken").toString()) && e.getMessage().contains("1/0/1"));
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
}
