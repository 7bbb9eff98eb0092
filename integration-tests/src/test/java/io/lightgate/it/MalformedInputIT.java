/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
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
 * Malformed input from the network: garbage datagrams at an endpoint's DTLS and plain sockets
 * (from a raw socket on loopback, next to a real Leshan server that talks to the endpoint over
 * DTLS PSK), and malformed Bootstrap-Writes and an inconsistent Bootstrap-Finish from a bootstrap
 * server (a bare Californium endpoint, since Leshan's bootstrap server never sends them). Each
 * gets a clean error or is dropped, changes no state, and leaves no stack trace in the log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MalformedInputIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecureRandom random = new SecureRandom();
    private EngineSupport engine;
    private Path stateFolder;
    private PrintStream originalErr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("malformed")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        // every test starts from nothing: no state a previous test stored
        stateFolder = Path.of(context.getProperty("lightgate.data"), "lwm2m", "state");
        Bundle engineBundle = installed("io.lightgate.lwm2m");
        engineBundle.stop();
        if (Files.exists(stateFolder)) {
            try (Stream<Path> files = Files.list(stateFolder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        engineBundle.start();
        // the gateway logs through slf4j-simple to System.err: keep a copy to look for stack traces
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @After
    public void tearDown() throws IOException {
        System.setErr(originalErr);
        engine.deleteAll();
        configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?").delete();
    }

    // ---- DTLS records ---------------------------------------------------------------------------

    @Test
    public void garbageAtTheDtlsAndPlainSocketsIsDroppedAndTheSessionsGoOn() throws Exception {
        byte[] key = newKey();
        CountingSecurityStore store = new CountingSecurityStore();
        store.add(SecurityInfo.newPreSharedKeyInfo(GW, "gateway-identity", key));
        try (TestLeshanServer plain = TestLeshanServer.start("plain");
                TestLeshanServer secure = TestLeshanServer.builder().name("secure")
                        .endpoints(e -> e.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS))
                        .leshan(b -> b.setSecurityStore(store)).start();
                DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path folder = Files.createTempDirectory("lightgate-malformed");
            Path keyFile = Files.writeString(folder.resolve("gateway.psk"), HexFormat.of().formatHex(key));
            engine.addServer("plain", plain.uri(), 1);
            engine.addServer("secure", secure.uri(Protocol.COAPS), 2,
                    Map.of("psk.identity", "gateway-identity", "psk.key.file", keyFile.toString()));
            Registration dtlsRegistration = secure.awaitRegistration(GW, WAIT);
            Registration plainRegistration = plain.awaitRegistration(GW, WAIT);
            assertNotNull(plainRegistration);
            assertDeviceReads(secure);
            int handshakes = store.identityLookups.get();
            // the endpoint's sockets, as the servers see them (both on 127.0.0.1)
            InetSocketAddress dtlsSocket = dtlsRegistration.getSocketAddress();
            InetSocketAddress plainSocket = plainRegistration.getSocketAddress();
            assertTrue("two sockets: " + dtlsSocket + ", " + plainSocket, dtlsSocket.getPort() != plainSocket.getPort());

            Map<String, byte[]> garbage = new LinkedHashMap<>();
            garbage.put("random bytes", randomBytes(97));
            garbage.put("a truncated record header", new byte[] { 22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0 });
            garbage.put("a handshake record whose length exceeds the datagram", record(22, 0, 0xFFFF, randomBytes(20)));
            garbage.put("an application-data record for an unknown epoch", record(23, 5, -1, randomBytes(40)));
            garbage.put("a ClientHello to a client-only socket", record(22, 0, -1, clientHello()));
            garbage.put("a very large datagram", randomBytes(65_000));
            for (Map.Entry<String, byte[]> g : garbage.entrySet()) {
                for (InetSocketAddress target : List.of(dtlsSocket, plainSocket)) {
                    attacker.send(new DatagramPacket(g.getValue(), g.getValue().length, target));
                }
                // after each kind: the DTLS session still carries a read, and so does the plain socket
                ReadResponse read = secure.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
                assertTrue("read over DTLS after " + g.getKey() + ": " + read, read.isSuccess());
                ReadResponse plainRead = plain.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
                assertTrue("plain read after " + g.getKey() + ": " + plainRead, plainRead.isSuccess());
            }
            // the plain socket may answer a datagram that parses as a CoAP message with a Reset; the DTLS socket answers nothing
            attacker.setSoTimeout(200);
            assertEquals("datagrams from the DTLS socket to the sender of garbage", 0, receivedDatagrams(attacker, dtlsSocket));

            assertEquals("the same DTLS session throughout (no new handshake)", handshakes, store.identityLookups.get());
            assertEquals("still the same registration at the DTLS server", dtlsRegistration.getId(), secure.registration(GW).getId());
            assertEquals("still the same registration at the plain server", plainRegistration.getId(), plain.registration(GW).getId());
            assertTrue("no de-registration: " + secure.events(GW) + plain.events(GW), Stream.concat(secure.events(GW).stream(),
                    plain.events(GW).stream()).noneMatch(e -> e.kind() != TestLeshanServer.Kind.REGISTERED && e.kind() != TestLeshanServer.Kind.UPDATED));
            // Californium reports what the plain socket got (a DTLS record header is no CoAP version 1)
            assertNoStackTraceInTheLog("UDP Message has invalid version");
        }
    }

    private void assertDeviceReads(TestLeshanServer server) throws InterruptedException {
        ReadResponse read = server.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
        assertEquals("Lightgate", ((LwM2mObjectInstance) read.getContent()).getResource(0).getValue());
    }

    private static int receivedDatagrams(DatagramSocket socket, InetSocketAddress from) throws IOException {
        int count = 0;
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (java.net.SocketTimeoutException e) {
                return count;
            }
            if (packet.getPort() == from.getPort()) {
                count++;
            }
        }
    }

    /**
     * A DTLS 1.2 record (RFC 6347 4.1): type, version 254.253, epoch, sequence number, length and
     * fragment; {@code length} -1 for the fragment's true length.
     */
    private static byte[] record(int contentType, int epoch, int length, byte[] fragment) {
        ByteBuffer b = ByteBuffer.allocate(13 + fragment.length);
        b.put((byte) contentType).put((byte) 0xFE).put((byte) 0xFD).putShort((short) epoch);
        b.putShort((short) 0).putInt(1); // 48-bit sequence number 1
        b.putShort((short) (length < 0 ? fragment.length : length));
        b.put(fragment);
        return b.array();
    }

    /** A well-formed ClientHello handshake message (a PSK suite, no cookie, no extensions). */
    private byte[] clientHello() {
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 1 + 2 + 2 + 1 + 1);
        body.put((byte) 0xFE).put((byte) 0xFD).put(randomBytes(32));
        body.put((byte) 0); // session id
        body.put((byte) 0); // cookie
        body.putShort((short) 2).putShort((short) 0xC0A8); // TLS_PSK_WITH_AES_128_CCM_8
        body.put((byte) 1).put((byte) 0); // compression: null
        byte[] message = body.array();
        ByteBuffer hs = ByteBuffer.allocate(12 + message.length);
        hs.put((byte) 1); // client_hello
        hs.put(uint24(message.length)).putShort((short) 0).put(uint24(0)).put(uint24(message.length));
        hs.put(message);
        return hs.array();
    }

    private static byte[] uint24(int v) {
        return new byte[] { (byte) (v >> 16), (byte) (v >> 8), (byte) v };
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] newKey() {
        return randomBytes(16);
    }

    // ---- Bootstrap-Write and -Finish ------------------------------------------------------------

    @Test
    public void malformedBootstrapWritesGetCleanErrorsAndChangeNothing() throws Exception {
        try (TestLeshanServer serverA = TestLeshanServer.builder().name("A").start(); BareBootstrapServer bs = new BareBootstrapServer()) {
            configureBootstrap(bs.uri());
            InetSocketAddress client = bs.awaitBootstrapRequest();
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/0/1", MediaTypeRegistry.APPLICATION_SENML_JSON,
                    security(1, serverA.uri(), 3, 11))).getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/1/0", MediaTypeRegistry.APPLICATION_SENML_JSON,
                    server(0, 11, "120"))).getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, finish()).getCode());
            Registration registration = serverA.awaitRegistration(GW, WAIT);
            // the engine's store holds the provisioned account and, once committed, where A keeps the registration
            Path stateFile = stateFolder.resolve("client-state.mv.db");
            await("the provisioned state and the registration are stored", () -> {
                String text = textOf(stateFile);
                return text.contains(serverA.uri().toString()) && text.contains(registration.getId());
            });
            byte[] stored = Files.readAllBytes(stateFile);
            int requests = bs.requests();

            // a server-initiated session of malformed writes; each gets its code, none a 5.00
            List<String> answers = new ArrayList<>();
            expect(answers, CoAP.ResponseCode.BAD_REQUEST, "a truncated TLV to /0", bs.send(client,
                    put("/0", MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV, new byte[] { 0x08, 0x02, 0x10, (byte) 0xC8, 0x00 })));
            expect(answers, CoAP.ResponseCode.BAD_REQUEST, "a Security instance in security mode 7", bs.send(client,
                    put("/0/2", MediaTypeRegistry.APPLICATION_SENML_JSON, security(2, serverA.uri(), 7, 12))));
            expect(answers, CoAP.ResponseCode.BAD_REQUEST, "a string for the Lifetime (SenML JSON)", bs.send(client,
                    put("/1/0", MediaTypeRegistry.APPLICATION_SENML_JSON, "[{\"bn\":\"/1/0/\",\"n\":\"1\",\"vs\":\"sixty\"}]")));
            expect(answers, CoAP.ResponseCode.BAD_REQUEST, "a string for the Lifetime (text)", bs.send(client,
                    put("/1/0/1", MediaTypeRegistry.TEXT_PLAIN, "sixty")));
            expect(answers, CoAP.ResponseCode.NOT_FOUND, "a write to an object the client does not have", bs.send(client,
                    put("/32700/0", MediaTypeRegistry.APPLICATION_SENML_JSON, "[{\"bn\":\"/32700/0/\",\"n\":\"0\",\"v\":1}]")));
            // Finish with a Server instance but no Security instance (Bootstrap-Delete /0 keeps only the bootstrap account)
            expect(answers, CoAP.ResponseCode.DELETED, "Bootstrap-Delete /0", bs.send(client, Request.newDelete(), "/0"));
            Response finish = bs.send(client, finish());
            expect(answers, CoAP.ResponseCode.NOT_ACCEPTABLE, "Bootstrap-Finish with a Server and no Security instance", finish);
            assertTrue(finish.getPayloadString(), finish.getPayloadString().contains("no complete server account"));

            // the previous state is untouched: same registration, same stored file, no new bootstrap
            assertDeviceReadsOn(serverA);
            assertEquals("the same registration at A", registration.getId(), serverA.registration(GW).getId());
            assertTrue("never de-registered: " + serverA.events(GW),
                    serverA.events(GW).stream().noneMatch(e -> e.kind() == TestLeshanServer.Kind.DEREGISTERED));
            assertArrayEquals("the stored state file is unchanged", stored, Files.readAllBytes(stateFile));
            assertEquals("no Bootstrap-Request after the refused session", requests, bs.requests());
            // Bootstrap-Read of the Server object in the next session shows the committed state again
            Response read = bs.send(client, accept(Request.newGet(), MediaTypeRegistry.APPLICATION_SENML_JSON), "/1/0");
            assertEquals(CoAP.ResponseCode.CONTENT, read.getCode());
            assertTrue(read.getPayloadString(), read.getPayloadString().contains("\"n\":\"1\",\"v\":120"));
            assertNoStackTraceInTheLog("refused (4.00): /0/2/2 Security Mode 7");
        }
    }

    /** A file's bytes as text (MVStore keeps strings readable), empty when it cannot be read (yet). */
    private static String textOf(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void expect(List<String> answers, CoAP.ResponseCode code, String what, Response response) {
        answers.add(what + ": " + response.getCode() + " " + response.getPayloadString());
        assertEquals(what + " (answers so far: " + answers + ")", code, response.getCode());
    }

    private void assertDeviceReadsOn(TestLeshanServer server) throws InterruptedException {
        ReadResponse read = server.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT);
        assertTrue(read.toString(), read.isSuccess());
    }

    private void configureBootstrap(URI uri) throws IOException {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("uri", uri.toString());
        props.put("session.timeout", 30L);
        c.update(props);
    }

    private static Request put(String path, int format, byte[] payload) {
        Request r = Request.newPut();
        r.getOptions().setUriPath(path.substring(1));
        r.getOptions().setContentFormat(format);
        r.setPayload(payload);
        return r;
    }

    private static Request put(String path, int format, String payload) {
        return put(path, format, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Request finish() {
        Request r = Request.newPost();
        r.getOptions().setUriPath("bs");
        return r;
    }

    private static Request accept(Request r, int format) {
        r.getOptions().setAccept(format);
        return r;
    }

    private static String security(int instance, URI uri, int mode, int ssid) {
        return "[{\"bn\":\"/0/" + instance + "/\",\"n\":\"0\",\"vs\":\"" + uri + "\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":" + mode
                + "},{\"n\":\"3\",\"vd\":\"\"},{\"n\":\"4\",\"vd\":\"\"},{\"n\":\"5\",\"vd\":\"\"},{\"n\":\"10\",\"v\":" + ssid + "}]";
    }

    private static String server(int instance, int ssid, String lifetime) {
        return "[{\"bn\":\"/1/" + instance + "/\",\"n\":\"0\",\"v\":" + ssid + "},{\"n\":\"1\",\"v\":" + lifetime + "},{\"n\":\"6\",\"vb\":true},"
                + "{\"n\":\"7\",\"vs\":\"U\"}]";
    }

    /** {@code expected}: a line the test caused, showing that the gateway's log was captured at all. */
    private void assertNoStackTraceInTheLog(String expected) {
        System.err.flush();
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue("the captured log has '" + expected + "':\n" + text, text.contains(expected));
        List<String> traces = text.lines().filter(l -> l.startsWith("\tat ") || l.contains("ERROR io.lightgate")).toList();
        assertTrue("stack traces in the log:\n" + text, traces.isEmpty());
    }

    /** Copies what is written to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
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

    /**
     * A bootstrap server reduced to a Californium endpoint: it answers Bootstrap-Requests with 2.04
     * and sends whatever request a test gives it, from the address the client knows.
     */
    private static final class BareBootstrapServer implements AutoCloseable {
        private final CoapServer server = new CoapServer(org.eclipse.californium.elements.config.Configuration.createStandardWithoutFile());
        private final CoapEndpoint endpoint;
        private final LinkedBlockingQueue<InetSocketAddress> requests = new LinkedBlockingQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        BareBootstrapServer() {
            endpoint = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                    .setConfiguration(org.eclipse.californium.elements.config.Configuration.createStandardWithoutFile()).build();
            server.addEndpoint(endpoint);
            server.add(new CoapResource("bs") {
                @Override
                public void handlePOST(CoapExchange exchange) {
                    if (exchange.getRequestOptions().getUriQuery().contains("ep=" + GW)) {
                        count.incrementAndGet();
                        requests.add(exchange.getSourceSocketAddress());
                    }
                    exchange.respond(CoAP.ResponseCode.CHANGED);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("coap://127.0.0.1:" + endpoint.getAddress().getPort());
        }

        int requests() {
            return count.get();
        }

        InetSocketAddress awaitBootstrapRequest() throws InterruptedException {
            InetSocketAddress from = requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull("Bootstrap-Request of " + GW, from);
            return from;
        }

        Response send(InetSocketAddress to, Request request, String path) throws InterruptedException {
            request.getOptions().setUriPath(path.substring(1));
            return send(to, request);
        }

        Response send(InetSocketAddress to, Request request) throws InterruptedException {
            request.setDestinationContext(new AddressEndpointContext(to));
            endpoint.sendRequest(request);
            Response response = request.waitForResponse(TIMEOUT.toMillis());
            assertNotNull("answer to " + request, response);
            return response;
        }

        @Override
        public void close() {
            server.destroy();
        }
    }
}
