/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.peer.RpkIdentity;
import org.eclipse.leshan.core.peer.X509Identity;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
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

/**
 * DTLS 1.2 with raw public keys and with X.509 certificates against real Leshan coaps servers:
 * the gateway's endpoint registers and is read (the X.509 server by host name: its certificate
 * names localhost, and the gateway sends SNI); a server whose key is not the pinned one, and a
 * server whose certificate the trust store does not vouch for, are refused (the shell names the
 * setting) and retried, while the gateway's other servers keep working.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DtlsCertificateIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EngineSupport engine;
    private TestLeshanServer plain;
    private TestLeshanServer good;
    private TestLeshanServer bad;
    private Path folder;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("dtls-certificate")), Lwm2mStack.withEngine());
    }

    private java.util.Set<Thread> threadsBefore = java.util.Set.of();

    @Before
    public void setUp() throws Exception {
        // Pax Exam starts each test's framework in this JVM: threads of an earlier one may still be ending
        threadsBefore = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
        folder = Files.createTempDirectory("lightgate-dtls-cert");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        plain = TestLeshanServer.start("plain");
        engine.addServer("plain", plain.uri(), 1);
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        for (TestLeshanServer s : new TestLeshanServer[] {plain, good, bad}) {
            if (s != null) {
                s.destroy();
            }
        }
    }

    @Test
    public void rawPublicKeysRegisterAndAWrongPinnedServerKeyIsRefused() throws Exception {
        KeyPair gateway = ecKeyPair();
        KeyPair goodServer = ecKeyPair();
        KeyPair badServer = ecKeyPair();
        InMemorySecurityStore store = new InMemorySecurityStore();
        store.add(SecurityInfo.newRawPublicKeyInfo(GW, gateway.getPublic()));
        good = secureServer("rpk-good", store, b -> b.setPublicKey(goodServer.getPublic()).setPrivateKey(goodServer.getPrivate()));
        bad = secureServer("rpk-bad", store, b -> b.setPublicKey(badServer.getPublic()).setPrivateKey(badServer.getPrivate()));
        // PEM for the private key and the server key, DER for the own public key: both forms are read
        Path privateKey = Files.writeString(folder.resolve("gateway.key.pem"), pem("PRIVATE KEY", gateway.getPrivate().getEncoded()));
        Path publicKey = Files.write(folder.resolve("gateway.pub.der"), gateway.getPublic().getEncoded());
        Path goodKey = Files.writeString(folder.resolve("good-server.pub.pem"), pem("PUBLIC KEY", goodServer.getPublic().getEncoded()));
        Map<String, Object> rpk = Map.of("security.mode", "RPK", "rpk.private.key.file", privateKey.toString(),
                "rpk.public.key.file", publicKey.toString(), "server.public.key.file", goodKey.toString());
        engine.addServer("rpk-good", good.uri(Protocol.COAPS), 2, rpk);
        // pins the good server's key, but talks to the other server
        org.osgi.service.cm.Configuration badConfig = engine.addServer("rpk-bad", bad.uri(Protocol.COAPS), 3, rpk);

        Registration registration = good.awaitRegistration(GW, WAIT);
        assertEquals("registered with the gateway's raw public key", new RpkIdentity(gateway.getPublic()),
                registration.getClientTransportData().getIdentity());
        ReadResponse read = good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());

        awaitRefused("server.public.key.file " + goodKey);
        assertTrue("the wrongly pinned server never saw a registration: " + bad.events(GW), bad.events(GW).isEmpty());
        assertNotNull(plain.awaitRegistration(GW, WAIT));
        assertTrue("the plain server still reads", plain.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        assertTrue("the RPK server still reads", good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        assertSecurityObject(good.uri(Protocol.COAPS).toString(), 1, null);

        // each RPK server has a DTLS socket of its own; removing the server closes it
        assertEquals("the gateway's DTLS receivers: " + gatewayDtlsReceivers(), 2, gatewayDtlsReceivers().size());
        badConfig.delete();
        await("the removed server's DTLS socket closes", () -> gatewayDtlsReceivers().size() == 1);
        assertTrue("the RPK server still reads", good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        String table = shell("lwm2m:registrations");
        assertFalse("no private key in the shell", table.contains(HexFormat.of().formatHex(gateway.getPrivate().getEncoded())));
    }

    @Test
    public void x509CertificatesRegisterAndAnUntrustedServerIsRefused() throws Exception {
        TestPki pki = new TestPki(folder.resolve("pki"));
        TestPki otherPki = new TestPki(folder.resolve("other-pki"));
        Path gatewayStore = pki.issue("gateway", GW);
        // reached as coaps://localhost: a DNS name in the certificate (and SNI); the refused one by IP address
        Path serverStore = pki.issue("server", "lightgate-test-server", "dns:localhost");
        Path strangerStore = otherPki.issue("stranger", "stranger-server", "ip:127.0.0.1");
        X509Certificate ca = TestPki.certificate(gatewayStore, "ca");
        InMemorySecurityStore store = new InMemorySecurityStore();
        store.add(SecurityInfo.newX509CertInfo(GW));
        good = secureServer("x509-good", store, b -> b.setPrivateKey(privateKey(serverStore, "server"))
                .setCertificateChain(chain(serverStore, "server")).setTrustedCertificates(new X509Certificate[] {ca}));
        // trusts the gateway's CA too, but its own certificate comes from another CA
        bad = secureServer("x509-bad", store, b -> b.setPrivateKey(privateKey(strangerStore, "stranger"))
                .setCertificateChain(chain(strangerStore, "stranger")).setTrustedCertificates(new X509Certificate[] {ca}));
        Path passwordFile = Files.writeString(folder.resolve("keystore.password"), TestPki.PASSWORD + "\n");
        Map<String, Object> x509 = Map.of("security.mode", "X509", "x509.keystore", gatewayStore.toString(),
                "x509.password.file", passwordFile.toString(), "x509.truststore", pki.caPem().toString());
        URI goodUri = URI.create("coaps://localhost:" + good.uri(Protocol.COAPS).getPort());
        engine.addServer("x509-good", goodUri, 2, x509);
        engine.addServer("x509-bad", bad.uri(Protocol.COAPS), 3, x509);

        Registration registration = good.awaitRegistration(GW, WAIT);
        assertEquals("registered with the gateway's certificate (CN = endpoint name)", new X509Identity(GW),
                registration.getClientTransportData().getIdentity());
        ReadResponse read = good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());

        awaitRefused("x509.truststore " + pki.caPem());
        assertTrue("the untrusted server never saw a registration: " + bad.events(GW), bad.events(GW).isEmpty());
        assertNotNull(plain.awaitRegistration(GW, WAIT));
        assertTrue("the plain server still reads", plain.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        assertTrue("the X.509 server still reads", good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        assertFalse("no password in the shell", shell("lwm2m:registrations").contains(TestPki.PASSWORD));
        assertSecurityObject(goodUri.toString(), 2, 3L);
    }

    @Test
    public void aVirtualEndpointRegistersWithItsOwnRawPublicKeyFromTheKeysFolder() throws Exception {
        KeyPair gateway = ecKeyPair();
        KeyPair machine = ecKeyPair();
        KeyPair serverKeys = ecKeyPair();
        InMemorySecurityStore store = new InMemorySecurityStore();
        store.add(SecurityInfo.newRawPublicKeyInfo(GW, gateway.getPublic()));
        store.add(SecurityInfo.newRawPublicKeyInfo("machine-9", machine.getPublic()));
        good = secureServer("rpk-fleet", store, b -> b.setPublicKey(serverKeys.getPublic()).setPrivateKey(serverKeys.getPrivate()));
        Path keys = Files.createDirectories(folder.resolve("rpk-keys"));
        Files.writeString(keys.resolve(GW + ".key.pem"), pem("PRIVATE KEY", gateway.getPrivate().getEncoded()));
        Files.writeString(keys.resolve(GW + ".pub.pem"), pem("PUBLIC KEY", gateway.getPublic().getEncoded()));
        Files.writeString(keys.resolve("machine-9.key.pem"), pem("PRIVATE KEY", machine.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("machine-9.pub.pem"), pem("PUBLIC KEY", machine.getPublic().getEncoded()));
        Path serverKey = Files.writeString(folder.resolve("fleet-server.pub.pem"), pem("PUBLIC KEY", serverKeys.getPublic().getEncoded()));
        engine.addServer("rpk-fleet", good.uri(Protocol.COAPS), 2, Map.of("security.mode", "RPK", "rpk.keys.folder", keys.toString(),
                "server.public.key.file", serverKey.toString()));

        var endpoint = context.registerService(io.lightgate.api.registry.EndpointDescriptor.class,
                new io.lightgate.api.registry.EndpointDescriptor("machine-9", Duration.ofSeconds(60), List.of()), null);
        try {
            assertEquals(new RpkIdentity(gateway.getPublic()), good.awaitRegistration(GW, WAIT).getClientTransportData().getIdentity());
            Registration virtual = good.awaitRegistration("machine-9", WAIT);
            assertEquals("the virtual endpoint uses its own key", new RpkIdentity(machine.getPublic()),
                    virtual.getClientTransportData().getIdentity());
            ReadResponse read = good.send("machine-9", new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
            assertTrue(read.toString(), read.isSuccess());
            assertTrue(good.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        } finally {
            endpoint.unregister();
        }
    }

    /** Scandium receiver threads of the gateway's sockets (those not listening on a Leshan server's port). */
    private List<String> gatewayDtlsReceivers() {
        List<String> serverPorts = java.util.stream.Stream.of(good, bad).filter(java.util.Objects::nonNull)
                .map(s -> ":" + s.uri(Protocol.COAPS).getPort()).toList();
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !threadsBefore.contains(t)).map(Thread::getName)
                .filter(n -> n.startsWith("DTLS-Receiver-")).filter(n -> serverPorts.stream().noneMatch(n::endsWith)).toList();
    }

    /** The gateway's Security object instance of that server: its mode and certificate usage, and no key material. */
    private void assertSecurityObject(String uri, long mode, Long certificateUsage) throws Exception {
        // the Security object's resources are not readable through the registry (nor by servers): ask the object itself
        var refs = context.getServiceReferences(LwM2mObject.class,
                "(&(" + LwM2mObject.OBJECT_ID + "=0)(" + LwM2mObject.ENDPOINT + "=" + GW + "))");
        assertEquals("one Security object on " + GW, 1, refs.size());
        LwM2mObject security = context.getService(refs.iterator().next());
        try {
            Integer instance = null;
            for (int id : security.instanceIds()) {
                if (uri.equals(join(security.read(id, 0)).value().asString())) {
                    instance = id;
                }
            }
            assertNotNull("a Security object instance for " + uri, instance);
            assertEquals("security mode", mode, join(security.read(instance, 2)).value().asLong());
            for (int key : new int[] {3, 4, 5}) {
                assertEquals("resource " + key + " holds no key material", 0, join(security.read(instance, key)).value().asOpaque().length);
            }
            boolean hasUsage = security.resourceIds(instance).contains(15);
            assertEquals("certificate usage", certificateUsage, hasUsage ? Long.valueOf(join(security.read(instance, 15)).value().asLong()) : null);
        } finally {
            context.ungetService(refs.iterator().next());
        }
    }

    /** The shell shows the server with ssid 3 waiting for a retry, with a reason that names the setting and file. */
    private void awaitRefused(String setting) throws InterruptedException {
        String[] last = {""};
        try {
            await("the refused server waits for a retry, naming " + setting, () -> {
                last[0] = shell("lwm2m:registrations");
                return last[0].lines().anyMatch(l -> l.contains("WAITING_RETRY") && l.contains(setting));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the shell showed:\n" + last[0], e);
        }
    }

    private TestLeshanServer secureServer(String name, InMemorySecurityStore store, ThrowingConsumer<LeshanServerBuilder> keys) {
        return TestLeshanServer.builder().name(name).coaps(store, b -> {
            try {
                keys.accept(b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).start();
    }

    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private static java.security.PrivateKey privateKey(Path store, String alias) throws Exception {
        return TestPki.privateKey(store, alias);
    }

    private static X509Certificate[] chain(Path store, String alias) throws Exception {
        return TestPki.chain(store, alias);
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

}
