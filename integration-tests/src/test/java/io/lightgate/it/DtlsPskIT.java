/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.eclipse.leshan.server.security.SecurityStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceRegistration;

/**
 * DTLS 1.2 with pre-shared keys against a real Leshan server's coaps endpoint: the gateway's
 * own endpoint (identity and key file from the server configuration) and a virtual endpoint
 * (identity = its name, key from psk.keys.file) register, are read and observed over DTLS
 * while the same endpoint talks plain CoAP to another server; a wrong key is refused, retried,
 * and never registers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DtlsPskIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String VIRTUAL = "machine-7";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecureRandom random = new SecureRandom();
    private EngineSupport engine;
    private TestLeshanServer plain;
    private TestLeshanServer secure;
    private Path folder;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("dtls-psk")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("lightgate-dtls");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        plain = TestLeshanServer.start("plain");
        engine.addServer("plain", plain.uri(), 1);
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        plain.destroy();
        if (secure != null) {
            secure.destroy();
        }
    }

    @Test
    public void registersReadsAndObservesOverDtlsNextToAPlainServer() throws Exception {
        byte[] gatewayKey = newKey();
        byte[] virtualKey = newKey();
        CountingSecurityStore store = new CountingSecurityStore();
        store.add(SecurityInfo.newPreSharedKeyInfo(GW, "gateway-identity", gatewayKey));
        store.add(SecurityInfo.newPreSharedKeyInfo(VIRTUAL, VIRTUAL, virtualKey));
        secure = secureServer(store);
        Path keyFile = Files.writeString(folder.resolve("gateway.psk"), HexFormat.of().formatHex(gatewayKey) + "\n");
        Path keysFile = Files.writeString(folder.resolve("endpoints.psk"),
                "# endpoint=hexkey\n" + VIRTUAL + "=" + HexFormat.of().formatHex(virtualKey) + "\n");
        engine.addServer("secure", secure.uri(Protocol.COAPS), 2, Map.of("security.mode", "PSK", "psk.identity", "gateway-identity",
                "psk.key.file", keyFile.toString(), "psk.keys.file", keysFile.toString()));

        Registration registration = secure.awaitRegistration(GW, WAIT);
        assertEquals("registered over DTLS with the configured identity", new PskIdentity("gateway-identity"),
                registration.getClientTransportData().getIdentity());
        assertNotNull("the plain server gets its registration from the same endpoint", plain.awaitRegistration(GW, WAIT));

        ReadResponse read = secure.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
        // Current Time (3/0/13) changes every second: notifications arrive over the DTLS session
        ObserveResponse observe = secure.send(GW, new ObserveRequest(ContentFormat.TLV, 3, 0, 13), TIMEOUT);
        assertTrue(observe.toString(), observe.isSuccess());
        secure.awaitNotifications(GW, "/3/0/13", 2, WAIT); // fails with what it saw if they do not come
        assertTrue("the plain server still reads", plain.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());

        // what a DTLS endpoint costs in threads: Scandium's one receiver; its executor and timer are the engine's pool
        int port = registration.getSocketAddress().getPort();
        List<String> dtlsThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.endsWith(":" + port) || n.contains(":" + port + "#")).toList();
        assertEquals("threads of the gateway endpoint's DTLS connector: " + dtlsThreads, 1, dtlsThreads.size());
        assertTrue(dtlsThreads.toString(), dtlsThreads.get(0).startsWith("DTLS-Receiver-"));

        // a virtual endpoint: identity = its name, key from psk.keys.file
        ServiceRegistration<EndpointDescriptor> endpoint = context.registerService(EndpointDescriptor.class,
                new EndpointDescriptor(VIRTUAL, Duration.ofSeconds(60), List.of()), null);
        ServiceRegistration<LwM2mObject> device = context.registerService(LwM2mObject.class,
                new SimpleObject(SimpleInstance.builder(0).string(0, () -> "ACME").build()),
                props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, VIRTUAL)));
        try {
            Registration virtual = secure.awaitRegistration(VIRTUAL, WAIT);
            assertEquals(new PskIdentity(VIRTUAL), virtual.getClientTransportData().getIdentity());
            ReadResponse manufacturer = secure.send(VIRTUAL, new ReadRequest(ContentFormat.TEXT, 3, 0, 0), TIMEOUT);
            assertEquals("ACME", ((LwM2mSingleResource) manufacturer.getContent()).getValue());
        } finally {
            unregister(device);
            unregister(endpoint);
        }
        String table = shell("lwm2m:registrations");
        assertTrue("no key in the shell: " + table, !table.toLowerCase().contains(HexFormat.of().formatHex(gatewayKey)));
    }

    @Test
    public void aWrongKeyIsRefusedAndRetriedWhileThePlainServerWorks() throws Exception {
        CountingSecurityStore store = new CountingSecurityStore();
        store.add(SecurityInfo.newPreSharedKeyInfo(GW, "gateway-identity", newKey()));
        secure = secureServer(store);
        Path keyFile = Files.writeString(folder.resolve("wrong.psk"), HexFormat.of().formatHex(newKey()));
        engine.addServer("secure", secure.uri(Protocol.COAPS), 2,
                Map.of("psk.identity", "gateway-identity", "psk.key.file", keyFile.toString()));

        assertNotNull(plain.awaitRegistration(GW, WAIT));
        // each handshake attempt makes the server look the identity up: two lookups = refused, then retried
        await("two DTLS handshake attempts by the gateway reach the server's key lookup", () -> store.identityLookups.get() >= 2);
        await("the shell shows the secure server waiting for a retry", () -> {
            String table = shell("lwm2m:registrations");
            return table.lines().anyMatch(l -> l.contains("coaps://") && l.contains("WAITING_RETRY"));
        });
        assertTrue("the secure server never saw a registration: " + secure.events(GW), secure.events(GW).isEmpty());
        assertTrue("the plain server still reads",
                plain.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
    }

    /**
     * RFC 6347 4.2.4: a lost handshake flight is sent again. A relay between the gateway and the
     * server loses the gateway's first ClientHello and the server's first answer; the gateway still
     * registers, after retransmitting its ClientHello.
     */
    @Test
    public void lostHandshakeFlightsAreRetransmitted() throws Exception {
        byte[] key = newKey();
        CountingSecurityStore store = new CountingSecurityStore();
        store.add(SecurityInfo.newPreSharedKeyInfo(GW, "gateway-identity", key));
        secure = secureServer(store);
        java.util.concurrent.atomic.AtomicInteger lostUp = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger lostDown = new java.util.concurrent.atomic.AtomicInteger();
        try (LossyUdpRelay relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", secure.uri(Protocol.COAPS).getPort()),
                (direction, payload) -> isHandshake(payload) && (direction == LossyUdpRelay.Direction.TO_SERVER
                        ? lostUp.getAndIncrement() == 0 : lostDown.getAndIncrement() == 0))) {
            engine.addServer("secure", relay.uri("coaps"), 2, Map.of("psk.identity", "gateway-identity", "psk.key", HexFormat.of().formatHex(key)));

            Registration registration = secure.awaitRegistration(GW, WAIT);
            assertEquals(new PskIdentity("gateway-identity"), registration.getClientTransportData().getIdentity());
            assertTrue(secure.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
            List<LossyUdpRelay.Datagram> seen = relay.seen();
            long clientHellos = seen.stream().filter(d -> d.direction() == LossyUdpRelay.Direction.TO_SERVER && isClientHello(d.payload())).count();
            assertTrue("a datagram was lost each way: " + lostUp + " / " + lostDown, seen.stream().filter(LossyUdpRelay.Datagram::dropped).count() == 2);
            // one ClientHello lost, one answered by a lost HelloVerifyRequest, one with the cookie: at least 3
            assertTrue("ClientHellos sent: " + clientHellos, clientHellos >= 3);
        }
    }

    /** A DTLS record of content type handshake (22). */
    private static boolean isHandshake(byte[] datagram) {
        return datagram.length > 13 && datagram[0] == 22;
    }

    /** A DTLS handshake record carrying a ClientHello (handshake type 1 right after the 13-byte record header). */
    private static boolean isClientHello(byte[] datagram) {
        return isHandshake(datagram) && datagram[13] == 1;
    }

    private TestLeshanServer secureServer(SecurityStore store) {
        return TestLeshanServer.builder().name("secure").coaps(store, b -> {
        }).start();
    }

    private byte[] newKey() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return key;
    }


    /** Leshan's in-memory store, counting the PSK identity lookups each handshake makes. */
    private static final class CountingSecurityStore implements SecurityStore {
        final AtomicInteger identityLookups = new AtomicInteger();
        private final InMemorySecurityStore store = new InMemorySecurityStore();

        void add(SecurityInfo info) throws Exception {
            store.add(info);
        }

        @Override
        public SecurityInfo getByEndpoint(String endpoint) {
            return store.getByEndpoint(endpoint);
        }

        @Override
        public SecurityInfo getByIdentity(String pskIdentity) {
            identityLookups.incrementAndGet();
            return store.getByIdentity(pskIdentity);
        }

        @Override
        public SecurityInfo getByOscoreIdentity(OscoreIdentity oscoreIdentity) {
            return store.getByOscoreIdentity(oscoreIdentity);
        }
    }
}
