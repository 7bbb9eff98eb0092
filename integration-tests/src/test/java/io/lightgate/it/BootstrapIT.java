/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
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
 * Bootstrap of the gateway's endpoint against a real Leshan bootstrap server (and, for what
 * Leshan would never send, a bootstrap server made of a bare Californium endpoint), registration
 * with the server the bootstrap configuration names, and the provisioned state in data/ across a
 * restart of the engine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class BootstrapIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestLeshanServer serverA;
    private EngineSupport engine;
    private Path stateFolder;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("bootstrap")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        serverA = TestLeshanServer.builder().name("A").start();
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
    }

    @After
    public void tearDown() throws IOException {
        engine.deleteAll();
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?");
        c.delete();
        serverA.destroy();
    }

    private void configureBootstrap(URI uri) throws IOException {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("io.lightgate.lwm2m.bootstrap", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("uri", uri.toString());
        props.put("session.timeout", 30L);
        c.update(props);
    }

    /** The engine's store (H2 MVStore): the provisioned state of every endpoint, and where each server keeps its registration. */
    private Path stateFile() {
        return stateFolder.resolve("client-state.mv.db");
    }

    /** The store file's bytes as text (MVStore keeps strings such as URIs readable); empty when there is no file. */
    private String storedText() throws IOException {
        return Files.exists(stateFile()) ? Files.readString(stateFile(), StandardCharsets.ISO_8859_1) : "";
    }

    private static BootstrapConfig account(URI bootstrapUri, URI serverUri, int securitySsid, int serverSsid) {
        return TestBootstrapServer.account(bootstrapUri, serverUri, securitySsid, serverSsid);
    }

    @Test
    public void bootstrapsFromNothingAndRegistersFromTheStoredStateAfterARestart() throws Exception {
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            bootstrap.put(GW, account(bootstrap.uri(), serverA.uri(), 7, 7));
            configureBootstrap(bootstrap.uri());

            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            bootstrap.await("END " + GW, WAIT);
            assertEquals(bootstrap.events().toString(), 1, bootstrap.requests(GW));
            assertEquals("lifetime from the Server instance the bootstrap server wrote", 300L, serverA.registration(GW).getLifeTimeInSec().longValue());
            // the provisioned state is on disk, readable by the gateway's user only (it may hold keys)
            assertTrue(stateFile() + " exists", Files.isRegularFile(stateFile()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile())));
            assertTrue("the stored state names server A", storedText().contains(serverA.uri().toString()));
            // a management server never reads the Security object
            assertEquals(ResponseCode.UNAUTHORIZED, serverA.send(GW, new ReadRequest(ContentFormat.TLV, 0), TIMEOUT).getCode());

            // restart the engine with the same data/: it registers again, without asking the bootstrap server
            Bundle engineBundle = installed("io.lightgate.lwm2m");
            engineBundle.stop();
            assertNotNull(serverA.awaitDeregistration(GW, WAIT));
            serverA.clear();
            engineBundle.start();
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertEquals("no Bootstrap-Request after the restart: " + bootstrap.events(), 1, bootstrap.requests(GW));
        }
    }

    @Test
    public void senmlWritesAndDiscoverOfTheSecurityObjectAsLeshanUsesThem() throws Exception {
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            BootstrapConfig config = account(bootstrap.uri(), serverA.uri(), 9, 9);
            config.contentFormat = ContentFormat.SENML_JSON;
            // Leshan discovers /0 first to find the bootstrap account's instance and free ids
            config.autoIdForSecurityObject = true;
            bootstrap.put(GW, config);
            configureBootstrap(bootstrap.uri());

            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            String discover = bootstrap.await("OK " + GW + " BootstrapDiscoverRequest", WAIT);
            assertTrue(discover, discover.contains("CONTENT"));
            assertTrue(bootstrap.events().toString(), bootstrap.events().contains("END " + GW));
        }
    }

    @Test
    public void anInconsistentConfigurationIsRefusedAtFinishAndNothingIsStored() throws Exception {
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            // the Security instance names ssid 7, the Server instance 8: no complete account
            bootstrap.put(GW, account(bootstrap.uri(), serverA.uri(), 7, 8));
            configureBootstrap(bootstrap.uri());

            String finish = bootstrap.await("ERROR " + GW + " BootstrapFinishRequest", WAIT);
            assertTrue(finish, finish.contains("NOT_ACCEPTABLE") && finish.contains("no complete server account"));
            bootstrap.await("FAILED " + GW + " FINISH_FAILED", WAIT);
            assertFalse("nothing stored after a refused Finish", storedText().contains(serverA.uri().toString()));
            assertTrue("not registered anywhere", serverA.events(GW).isEmpty());

            // the endpoint asks again (backoff); once the configuration is fixed, it registers
            bootstrap.put(GW, account(bootstrap.uri(), serverA.uri(), 7, 7));
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertTrue(bootstrap.events().toString(), bootstrap.requests(GW) >= 2);
            assertTrue(storedText().contains(serverA.uri().toString()));
        }
    }

    @Test
    public void whenEveryServerRefusesTheRegistrationTheEndpointBootstrapsAgain() throws Exception {
        int deadPort;
        try (var socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort(); // closed again: nobody answers there
        }
        try (TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            // first a server that never answers, with one registration attempt before bootstrapping (1/x/17)
            BootstrapConfig dead = account(bootstrap.uri(), URI.create("coap://127.0.0.1:" + deadPort), 7, 7);
            dead.servers.get(0).communicationRetryCount = org.eclipse.leshan.core.util.datatype.ULong.valueOf(1);
            dead.servers.get(0).bootstrapOnRegistrationFailure = true;
            bootstrap.put(GW, dead);
            configureBootstrap(bootstrap.uri());
            bootstrap.await("END " + GW, WAIT);

            // the bootstrap server now hands out server A: the failed registration makes the endpoint ask again
            bootstrap.put(GW, account(bootstrap.uri(), serverA.uri(), 8, 8));
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertEquals(bootstrap.events().toString(), 2, bootstrap.requests(GW));
            assertTrue("the stored state names server A", storedText().contains(serverA.uri().toString()));

            // what is stored is the second bootstrap's state: after a restart the endpoint registers
            // with A without asking the bootstrap server (the dead server would make it ask again)
            Bundle engineBundle = installed("io.lightgate.lwm2m");
            engineBundle.stop();
            serverA.clear();
            engineBundle.start();
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertEquals(bootstrap.events().toString(), 2, bootstrap.requests(GW));
        }
    }

    @Test
    public void malformedWritesChangeNothingAndTheBootstrapServerMayStartASessionItself() throws Exception {
        try (BareBootstrapServer bs = new BareBootstrapServer();
                TestLeshanServer serverB = TestLeshanServer.builder().name("B").start()) {
            configureBootstrap(bs.uri());
            InetSocketAddress client = bs.awaitBootstrapRequest(GW);

            // a TLV that does not decode: 4.00, and nothing was written
            Response bad = bs.send(client, put("/0/1", MediaTypeRegistry.APPLICATION_VND_OMA_LWM2M_TLV, new byte[] { (byte) 0xC8, 0x00, 0x20, 0x01 }));
            assertEquals(bad.toString(), CoAP.ResponseCode.BAD_REQUEST, bad.getCode());
            Response finish = bs.send(client, finish());
            assertEquals(CoAP.ResponseCode.NOT_ACCEPTABLE, finish.getCode());
            assertTrue(finish.getPayloadString(), finish.getPayloadString().contains("no complete server account"));

            // Discover shows the bootstrap account; it cannot be deleted; /0 cannot be read
            Response discover = bs.send(client, discover("/"));
            assertEquals(CoAP.ResponseCode.CONTENT, discover.getCode());
            assertTrue(discover.getPayloadString(), discover.getPayloadString().startsWith("</>;lwm2m=1.1")
                    && discover.getPayloadString().contains("</0/0>;uri=\"" + bs.uri() + "\"") && discover.getPayloadString().contains("</3/0>"));
            assertEquals(CoAP.ResponseCode.BAD_REQUEST, bs.send(client, Request.newDelete(), "/0/0").getCode());
            assertEquals(CoAP.ResponseCode.UNAUTHORIZED, bs.send(client, Request.newGet(), "/0").getCode());
            assertEquals(CoAP.ResponseCode.BAD_REQUEST, bs.send(client, Request.newGet(), "/3/0").getCode());

            // a complete account in SenML JSON, then Finish: registered with A
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/0/1", MediaTypeRegistry.APPLICATION_SENML_JSON, security(1, serverA.uri(), 11))).getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/1/0", MediaTypeRegistry.APPLICATION_SENML_JSON, server(0, 11))).getCode());
            Response read = bs.send(client, accept(Request.newGet(), MediaTypeRegistry.APPLICATION_SENML_JSON), "/1");
            assertEquals(CoAP.ResponseCode.CONTENT, read.getCode());
            assertTrue(read.getPayloadString(), read.getPayloadString().contains("\"bn\":\"/1/\"")
                    && read.getPayloadString().contains("\"n\":\"0/0\",\"v\":11"));
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, finish()).getCode());
            assertNotNull(serverA.awaitRegistration(GW, WAIT));

            // server-initiated: the bootstrap server writes the client it can reach, without a Bootstrap-Request
            int requests = bs.requests();
            assertEquals(CoAP.ResponseCode.DELETED, bs.send(client, Request.newDelete(), "/0").getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/0/2", MediaTypeRegistry.APPLICATION_SENML_JSON, security(2, serverB.uri(), 12))).getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, put("/1/0", MediaTypeRegistry.APPLICATION_SENML_JSON, server(0, 12))).getCode());
            assertEquals(CoAP.ResponseCode.CHANGED, bs.send(client, finish()).getCode());
            assertNotNull(serverB.awaitRegistration(GW, WAIT));
            assertNotNull(serverA.awaitDeregistration(GW, WAIT));
            assertEquals("no Bootstrap-Request in a server-initiated bootstrap", requests, bs.requests());
        }
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

    private static Request discover(String path) {
        Request r = accept(Request.newGet(), MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        if (!path.equals("/")) {
            r.getOptions().setUriPath(path.substring(1));
        }
        return r;
    }

    private static Request accept(Request r, int format) {
        r.getOptions().setAccept(format);
        return r;
    }

    private static String security(int instance, URI uri, int ssid) {
        return "[{\"bn\":\"/0/" + instance + "/\",\"n\":\"0\",\"vs\":\"" + uri + "\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},"
                + "{\"n\":\"3\",\"vd\":\"\"},{\"n\":\"4\",\"vd\":\"\"},{\"n\":\"5\",\"vd\":\"\"},{\"n\":\"10\",\"v\":" + ssid + "}]";
    }

    private static String server(int instance, int ssid) {
        return "[{\"bn\":\"/1/" + instance + "/\",\"n\":\"0\",\"v\":" + ssid + "},{\"n\":\"1\",\"v\":120},{\"n\":\"6\",\"vb\":true},"
                + "{\"n\":\"7\",\"vs\":\"U\"}]";
    }

    /**
     * A bootstrap server reduced to a Californium endpoint: it answers Bootstrap-Requests with 2.04
     * and sends whatever request a test gives it, from the address the client knows.
     */
    private static final class BareBootstrapServer implements AutoCloseable {
        private final CoapServer server = new CoapServer(org.eclipse.californium.elements.config.Configuration.createStandardWithoutFile());
        private final CoapEndpoint endpoint;
        private final LinkedBlockingQueue<InetSocketAddress> requests = new LinkedBlockingQueue<>();
        private int count;

        BareBootstrapServer() {
            endpoint = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
                    .setConfiguration(org.eclipse.californium.elements.config.Configuration.createStandardWithoutFile()).build();
            server.addEndpoint(endpoint);
            server.add(new CoapResource("bs") {
                @Override
                public void handlePOST(CoapExchange exchange) {
                    if (exchange.getRequestOptions().getUriQuery().contains("ep=" + GW)) {
                        synchronized (BareBootstrapServer.this) {
                            count++;
                        }
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

        synchronized int requests() {
            return count;
        }

        InetSocketAddress awaitBootstrapRequest(String ep) throws InterruptedException {
            InetSocketAddress from = requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull("Bootstrap-Request of " + ep, from);
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
