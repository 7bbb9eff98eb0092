/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.californium.scandium.dtls.InMemorySessionStore;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.junit.After;
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
 * DTLS session resumption (RFC 5246 7.3) by the gateway, seen from a real Leshan coaps server
 * (PSK): after a quiet period longer than {@code dtls.resumption.after.quiet.s} the gateway's
 * next message first resumes the session with an abbreviated handshake; a server that forgot
 * the session gets a resumption attempt, answers with a full handshake, and the gateway goes on
 * with that; a server restarted with its session cache, which drops the gateway's Update
 * unread, gets the Register after an abbreviated handshake; a raw-public-key socket resumes
 * like the PSK one. The gateway's traffic in each case
 * is what a bundle contributing an object causes: a Registration Update.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DtlsResumptionIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String QUIET_SETTING = "dtls.resumption.after.quiet.s";

    private final byte[] key = new byte[16];
    private final InMemorySecurityStore store = new InMemorySecurityStore();
    private EngineSupport engine;
    private TestLeshanServer secure;
    private TestLeshanServer restarted;
    private ServiceRegistration<LwM2mObject> contributed;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("dtls-resumption")), Lwm2mStack.withEngine());
    }

    @After
    public void tearDown() {
        if (contributed != null) {
            unregister(contributed);
        }
        if (engine != null) {
            engine.deleteAll();
        }
        for (TestLeshanServer s : new TestLeshanServer[] {secure, restarted}) {
            if (s != null) {
                s.destroy();
            }
        }
    }

    @Test
    public void aQuietLinkIsResumedWithAnAbbreviatedHandshake() throws Exception {
        secure = registeredOverDtls(1, TestLeshanServer.builder().name("secure"));
        DtlsRecorder.Handshake first = secure.dtls().awaitHandshake(0, h -> true, TIMEOUT);
        assertFalse("the first handshake is a full one: " + first, first.abbreviated() || first.resumptionOffered());

        // longer than the gateway's setting (1 s) without a record either way, as an expired NAT binding would find it
        secure.dtls().awaitQuiet(Duration.ofMillis(1500), TIMEOUT);
        contribute(6);

        DtlsRecorder.Handshake second = secure.dtls().awaitHandshake(1, h -> true, TIMEOUT);
        assertTrue("the gateway resumed the session: " + second, second.abbreviated());
        assertEquals("the same session", first.sessionId(), second.sessionId());
        assertEquals("from the same socket", first.peer(), second.peer());
        secure.awaitUpdate(GW, TestLeshanServer.hasObject(6), TIMEOUT);
        assertReads(secure);
        assertEquals("one resumption, no more handshakes: " + secure.dtls().handshakes(), 2, secure.dtls().handshakes().size());
    }

    @Test
    public void aServerThatForgotTheSessionAnswersWithAFullHandshakeAndTheGatewayGoesOn() throws Exception {
        secure = registeredOverDtls(1, TestLeshanServer.builder().name("secure"));
        DtlsRecorder.Handshake first = secure.dtls().awaitHandshake(0, h -> true, TIMEOUT);

        // settled first (no exchange in flight), then the server loses its connections and sessions,
        // as after a restart without a session cache
        secure.dtls().awaitQuiet(Duration.ofMillis(1500), TIMEOUT);
        secure.dtlsConnector().clearConnectionState();
        contribute(6);

        DtlsRecorder.Handshake second = secure.dtls().awaitHandshake(1, h -> true, TIMEOUT);
        assertTrue("the gateway offered its session: " + second, second.resumptionOffered());
        assertFalse("the server did not know it: a full handshake " + second, second.abbreviated());
        assertNotEquals("a new session", first.sessionId(), second.sessionId());
        secure.awaitUpdate(GW, TestLeshanServer.hasObject(6), TIMEOUT);
        assertReads(secure);
    }

    /**
     * No quiet-period resumption here (setting 0): the server restarts on the same port with its
     * session cache but without connections, so it drops the gateway's Update. The gateway then
     * resumes the session before registering again, instead of starting over with a full handshake.
     */
    @Test
    public void anUnansweredUpdateIsFollowedByAResumedSessionWithARestartedServer() throws Exception {
        InMemorySessionStore sessions = new InMemorySessionStore(100, 3600);
        secure = registeredOverDtls(0, TestLeshanServer.builder().name("before").dtlsSessionStore(sessions));
        DtlsRecorder.Handshake first = secure.dtls().awaitHandshake(0, h -> true, TIMEOUT);
        int port = secure.uri(Protocol.COAPS).getPort();
        secure.dtls().awaitQuiet(Duration.ofMillis(500), TIMEOUT); // no exchange in flight

        secure.destroy();
        restarted = TestLeshanServer.builder().name("after").coaps(store, b -> {
        }).coapsPort(port).dtlsSessionStore(sessions).start();
        contribute(6); // the Update goes out on the old session: the new server has no connection for it

        Registration registration = restarted.awaitRegistration(GW, WAIT);
        assertEquals(new PskIdentity("gateway-identity"), registration.getClientTransportData().getIdentity());
        DtlsRecorder.Handshake resumed = restarted.dtls().awaitHandshake(0, h -> true, TIMEOUT);
        assertTrue("the Register came after an abbreviated handshake: " + restarted.dtls().handshakes(), resumed.abbreviated());
        assertEquals("the session from before the restart", first.sessionId(), resumed.sessionId());
        assertEquals("one handshake with the restarted server: " + restarted.dtls().handshakes(), 1, restarted.dtls().handshakes().size());
        assertReads(restarted);
    }

    /** The certificate endpoints (one DTLS socket per server) resume as the PSK socket does. */
    @Test
    public void aQuietRawPublicKeySessionIsResumedToo() throws Exception {
        KeyPair gateway = ecKeyPair();
        KeyPair server = ecKeyPair();
        store.add(SecurityInfo.newRawPublicKeyInfo(GW, gateway.getPublic()));
        Path folder = Files.createTempDirectory("lightgate-resumption");
        Map<String, Object> rpk = Map.of("security.mode", "RPK",
                "rpk.private.key.file", Files.write(folder.resolve("gateway.key.der"), gateway.getPrivate().getEncoded()).toString(),
                "rpk.public.key.file", Files.write(folder.resolve("gateway.pub.der"), gateway.getPublic().getEncoded()).toString(),
                "server.public.key.file", Files.write(folder.resolve("server.pub.der"), server.getPublic().getEncoded()).toString());
        secure = registeredOverDtls(1, TestLeshanServer.builder().name("rpk").coaps(store,
                b -> b.setPublicKey(server.getPublic()).setPrivateKey(server.getPrivate())), rpk);
        DtlsRecorder.Handshake first = secure.dtls().awaitHandshake(0, h -> true, TIMEOUT);

        secure.dtls().awaitQuiet(Duration.ofMillis(1500), TIMEOUT);
        contribute(6);

        DtlsRecorder.Handshake second = secure.dtls().awaitHandshake(1, h -> true, TIMEOUT);
        assertTrue("the gateway resumed the RPK session: " + second, second.abbreviated());
        assertEquals(first.sessionId(), second.sessionId());
        secure.awaitUpdate(GW, TestLeshanServer.hasObject(6), TIMEOUT);
        assertReads(secure);
    }

    /** Configures the engine with that quiet period and a PSK server, starts the server and waits for the registration. */
    private TestLeshanServer registeredOverDtls(long quietSeconds, TestLeshanServer.Builder server) throws Exception {
        new SecureRandom().nextBytes(key);
        store.add(SecurityInfo.newPreSharedKeyInfo(GW, "gateway-identity", key));
        return registeredOverDtls(quietSeconds, server.coaps(store, b -> {
        }), Map.of("psk.identity", "gateway-identity", "psk.key", HexFormat.of().formatHex(key)));
    }

    /** Configures the engine with that quiet period, starts the coaps server and adds it with those settings; waits for the registration. */
    private TestLeshanServer registeredOverDtls(long quietSeconds, TestLeshanServer.Builder coapsServer, Map<String, Object> settings)
            throws Exception {
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine(Map.of(QUIET_SETTING, quietSeconds));
        TestLeshanServer started = coapsServer.start();
        engine.addServer("secure", started.uri(Protocol.COAPS), 2, settings);
        started.awaitRegistration(GW, WAIT);
        return started;
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A bundle contributing an object (Location, a core model) to the gateway's endpoint: the engine sends a Registration Update. */
    private void contribute(int objectId) {
        contributed = context.registerService(LwM2mObject.class, new SimpleObject(SimpleInstance.builder(0).floating(0, () -> 48.1).build()),
                props(Map.of(LwM2mObject.OBJECT_ID, objectId)));
    }

    private static void assertReads(TestLeshanServer server) throws InterruptedException {
        ReadResponse read = server.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
    }
}
