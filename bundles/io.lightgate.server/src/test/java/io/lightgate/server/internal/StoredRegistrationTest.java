/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StoredRegistrationTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static Registration registration(IpPeer peer) throws Exception {
        Link[] links = new DefaultLwM2mLinkParser().parseCoreLinkFormat(
                "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3>;ver=1.2,</3/0>,</3311/0>,</3311/1>".getBytes(StandardCharsets.UTF_8));
        return new Registration.Builder("reg-1", "lamp-1", peer, URI.create("coap://127.0.0.1:5683"))
                .lwM2mVersion(LwM2mVersion.V1_1).bindingMode(EnumSet.of(BindingMode.U)).lifeTimeInSec(300L)
                .objectLinks(links).registrationDate(new Date(1_000_000)).lastUpdate(new Date(2_000_000))
                .additionalRegistrationAttributes(Map.of("site", "hall-3")).build();
    }

    @Test
    public void survivesTheJsonFileAndComesBackOnTheNewEndpoint() throws Exception {
        Registration original = registration(new IpPeer(new InetSocketAddress("127.0.0.1", 40000), new PskIdentity("lamp-id")));
        assertTrue(StoredRegistration.storable(original));
        JsonFile<StoredRegistration> file = new JsonFile<>(folder.getRoot().toPath().resolve("registrations.json"),
                new TypeReference<List<StoredRegistration>>() {
                });
        file.write(List.of(StoredRegistration.of(original)));
        StoredRegistration stored = file.read().get(0);
        Registration restored = stored.toRegistration(URI.create("coaps://127.0.0.1:5684"));

        assertEquals("reg-1", restored.getId());
        assertEquals("lamp-1", restored.getEndpoint());
        assertEquals(new InetSocketAddress("127.0.0.1", 40000), restored.getSocketAddress());
        assertEquals("lamp-id", ((PskIdentity) ((IpPeer) restored.getClientTransportData()).getIdentity()).getPskIdentity());
        assertEquals(URI.create("coaps://127.0.0.1:5684"), restored.getLastEndpointUsed());
        assertEquals(LwM2mVersion.V1_1, restored.getLwM2mVersion());
        assertEquals(300L, (long) restored.getLifeTimeInSec());
        assertEquals(Arrays.toString(original.getSortedObjectLinks()), Arrays.toString(restored.getSortedObjectLinks()));
        assertTrue("instances known again", restored.getAvailableInstances().toString().contains("/3311/1"));
        assertEquals(new Date(2_000_000), restored.getLastUpdate());
        assertEquals("hall-3", restored.getAdditionalRegistrationAttributes().get("site"));
    }

    @Test
    public void expiryFollowsLastUpdatePlusLifetime() throws Exception {
        StoredRegistration stored = StoredRegistration.of(registration(new IpPeer(new InetSocketAddress("127.0.0.1", 40000))));
        assertFalse(stored.expiredAt(2_000_000 + 299_000));
        assertTrue(stored.expiredAt(2_000_000 + 301_000));
    }

    @Test
    public void aBrokenFileIsReportedNotSwallowed() throws Exception {
        Path path = folder.getRoot().toPath().resolve("registrations.json");
        Files.writeString(path, "[{\"endpoint\": ");
        JsonFile<StoredRegistration> file = new JsonFile<>(path, new TypeReference<List<StoredRegistration>>() {
        });
        try {
            file.read();
            throw new AssertionError("a truncated file must not read as empty");
        } catch (java.io.IOException expected) {
            // the server logs it and starts without restored registrations
        }
    }
}
