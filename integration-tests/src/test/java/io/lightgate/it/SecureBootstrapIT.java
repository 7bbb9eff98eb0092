/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.peer.RpkIdentity;
import org.eclipse.leshan.core.peer.X509Identity;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.eclipse.leshan.server.security.SecurityStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * Bootstrap with DTLS against real Leshan servers: a coaps:// bootstrap server reached with the
 * gateway's PSK (a wrong key is refused by the server and retried, not given up), and RPK and
 * X.509 accounts a bootstrap server writes, which the endpoint then registers with over DTLS.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SecureBootstrapIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecureRandom random = new SecureRandom();
    private EngineSupport engine;
    private TestLeshanServer server;
    private Path folder;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("secure-bootstrap")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("lightgate-secure-bootstrap");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        // every test starts from nothing: no state a previous test stored
        Path state = Path.of(context.getProperty("lightgate.data"), "lwm2m", "state");
        Bundle engineBundle = installed("io.lightgate.lwm2m");
        engineBundle.stop();
        if (Files.exists(state)) {
            try (Stream<Path> files = Files.list(state)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        engineBundle.start();
    }

    @After
    public void tearDown() throws IOException {
        engine.deleteAll();
        configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?").delete();
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    public void aCoapsBootstrapServerIsReachedWithPskAndAWrongKeyIsRetried() throws Exception {
        byte[] bootstrapKey = key();
        byte[] serverKey = key();
        CountingStore bootstrapStore = new CountingStore();
        // the bootstrap server first knows another key for the gateway's identity: the handshake fails
        bootstrapStore.add(SecurityInfo.newPreSharedKeyInfo(GW, "gw-bootstrap", key()));
        InMemorySecurityStore serverStore = new InMemorySecurityStore();
        serverStore.add(SecurityInfo.newPreSharedKeyInfo(GW, "gw-dm", serverKey));
        server = TestLeshanServer.builder().name("dm").coaps(serverStore, b -> {
        }).start();
        try (TestBootstrapServer bootstrap = new TestBootstrapServer(bootstrapStore)) {
            BootstrapConfig config = TestBootstrapServer.account(bootstrap.coapsUri(), server.uri(Protocol.COAPS), 7, 7);
            psk(config.security.get(0), "gw-bootstrap", bootstrapKey);
            psk(config.security.get(1), "gw-dm", serverKey);
            bootstrap.put(GW, config);
            Path keyFile = Files.writeString(folder.resolve("bootstrap.psk"), HexFormat.of().formatHex(bootstrapKey) + "\n");
            configureBootstrap(bootstrap.coapsUri(), "gw-bootstrap", keyFile);

            await("the gateway tried the bootstrap server's handshake twice (refused, then retried)",
                    () -> bootstrapStore.lookups.get() >= 2);
            assertTrue("no Bootstrap-Request got through a refused handshake: " + bootstrap.events(), bootstrap.events().isEmpty());
            bootstrapStore.add(SecurityInfo.newPreSharedKeyInfo(GW, "gw-bootstrap", bootstrapKey));

            Registration registration = server.awaitRegistration(GW, WAIT);
            bootstrap.await("END " + GW, WAIT);
            assertEquals(bootstrap.events().toString(), 1, bootstrap.requests(GW));
            assertEquals("registered over DTLS with the PSK the bootstrap server wrote", new PskIdentity("gw-dm"),
                    registration.getClientTransportData().getIdentity());
            assertDeviceReads();
            assertBootstrapAccountShown(bootstrap.coapsUri());
        }
    }

    @Test
    public void aRawPublicKeyAccountFromTheBootstrapServerRegistersOverDtls() throws Exception {
        KeyPair gateway = ecKeyPair();
        KeyPair serverKeys = ecKeyPair();
        InMemorySecurityStore serverStore = new InMemorySecurityStore();
        serverStore.add(SecurityInfo.newRawPublicKeyInfo(GW, gateway.getPublic()));
        server = TestLeshanServer.builder().name("rpk").coaps(serverStore,
                b -> b.setPublicKey(serverKeys.getPublic()).setPrivateKey(serverKeys.getPrivate())).start();
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            BootstrapConfig config = TestBootstrapServer.account(bootstrap.uri(), server.uri(Protocol.COAPS), 7, 7);
            BootstrapConfig.ServerSecurity dm = config.security.get(1);
            dm.securityMode = SecurityMode.RPK;
            dm.publicKeyOrId = gateway.getPublic().getEncoded();
            dm.serverPublicKey = serverKeys.getPublic().getEncoded();
            dm.secretKey = gateway.getPrivate().getEncoded();
            bootstrap.put(GW, config);
            configureBootstrap(bootstrap.uri(), null, null);

            Registration registration = server.awaitRegistration(GW, WAIT);
            assertEquals(new RpkIdentity(gateway.getPublic()), registration.getClientTransportData().getIdentity());
            assertDeviceReads();
        }
    }

    @Test
    public void anX509AccountFromTheBootstrapServerRegistersOverDtls() throws Exception {
        TestPki pki = new TestPki(folder.resolve("pki"));
        Path gatewayStore = pki.issue("gateway", GW);
        Path serverStore = pki.issue("server", "lightgate-test-server", "ip:127.0.0.1");
        X509Certificate ca = TestPki.certificate(gatewayStore, "ca");
        InMemorySecurityStore securityStore = new InMemorySecurityStore();
        securityStore.add(SecurityInfo.newX509CertInfo(GW));
        PrivateKey serverKey = TestPki.privateKey(serverStore, "server");
        X509Certificate[] serverChain = TestPki.chain(serverStore, "server");
        server = TestLeshanServer.builder().name("x509").coaps(securityStore, b -> b.setPrivateKey(serverKey)
                .setCertificateChain(serverChain).setTrustedCertificates(new X509Certificate[] {ca})).start();
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            BootstrapConfig config = TestBootstrapServer.account(bootstrap.uri(), server.uri(Protocol.COAPS), 7, 7);
            BootstrapConfig.ServerSecurity dm = config.security.get(1);
            dm.securityMode = SecurityMode.X509;
            dm.publicKeyOrId = TestPki.certificate(gatewayStore, "gateway").getEncoded();
            dm.serverPublicKey = serverChain[0].getEncoded(); // pinned: certificate usage 3 (resource 15 absent)
            dm.secretKey = TestPki.privateKey(gatewayStore, "gateway").getEncoded();
            bootstrap.put(GW, config);
            configureBootstrap(bootstrap.uri(), null, null);

            Registration registration = server.awaitRegistration(GW, WAIT);
            assertEquals(new X509Identity(GW), registration.getClientTransportData().getIdentity());
            assertDeviceReads();
        }
    }

    private void assertDeviceReads() throws InterruptedException {
        ReadResponse read = server.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
    }

    /** The endpoint's Security object shows the bootstrap server's account: resource 1 true, PSK mode, no key material. */
    private void assertBootstrapAccountShown(URI uri) throws Exception {
        var refs = context.getServiceReferences(io.lightgate.api.object.LwM2mObject.class, "(&(" + io.lightgate.api.object.LwM2mObject.OBJECT_ID
                + "=0)(" + io.lightgate.api.object.LwM2mObject.ENDPOINT + "=" + GW + "))");
        assertEquals("one Security object on " + GW, 1, refs.size());
        io.lightgate.api.object.LwM2mObject security = context.getService(refs.iterator().next());
        try {
            Integer found = null;
            for (int id : security.instanceIds()) {
                if (join(security.read(id, 1)).value().asBoolean()) {
                    found = id;
                }
            }
            assertTrue("a bootstrap server instance in /0", found != null);
            assertEquals(uri.toString(), join(security.read(found, 0)).value().asString());
            assertEquals("PSK", 0L, join(security.read(found, 2)).value().asLong());
            for (int key : new int[] {3, 5}) {
                assertEquals("resource " + key + " holds no key material", 0, join(security.read(found, key)).value().asOpaque().length);
            }
        } finally {
            context.ungetService(refs.iterator().next());
        }
    }

    private void configureBootstrap(URI uri, String pskIdentity, Path pskKeyFile) throws IOException {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("uri", uri.toString());
        props.put("session.timeout", 30L);
        if (pskIdentity != null) {
            props.put("psk.identity", pskIdentity);
            props.put("psk.key.file", pskKeyFile.toString());
        }
        c.update(props);
    }

    private static void psk(BootstrapConfig.ServerSecurity security, String identity, byte[] key) {
        security.securityMode = SecurityMode.PSK;
        security.publicKeyOrId = identity.getBytes(StandardCharsets.UTF_8);
        security.secretKey = key;
    }

    private byte[] key() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return key;
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Leshan's in-memory store, counting the PSK identity lookups each handshake makes. */
    private static final class CountingStore implements SecurityStore {
        final AtomicInteger lookups = new AtomicInteger();
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
            lookups.incrementAndGet();
            return store.getByIdentity(pskIdentity);
        }

        @Override
        public SecurityInfo getByOscoreIdentity(OscoreIdentity oscoreIdentity) {
            return store.getByOscoreIdentity(oscoreIdentity);
        }
    }
}
