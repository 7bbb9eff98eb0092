/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.lightgate.server.api.LocalServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.ops4j.pax.exam.util.PathUtils;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The local LwM2M server and its REST API, driven over real HTTP, with real Leshan 2.0.0-M15
 * clients registering over real UDP (and DTLS) on loopback, plus the gateway's own engine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LocalServerIT extends GatewayTestSupport {

    private static final Duration REGISTERED = WAIT;

    private ConsoleClient api;
    private int coapPort;
    private Path dataFolder;
    private EngineSupport engine;

    @Configuration
    public Option[] config() throws IOException {
        Path folder = testFolder("localserver");
        return org.ops4j.pax.exam.OptionUtils.combine(coreGateway(folder), Lwm2mStack.withEngine(), localServerStack(),
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freeTcpPort())));
    }

    /** The local server, the console and what they need: Leshan server (in withEngine), Leshan client for the peers, Jetty. */
    static Option localServerStack() {
        return composite(
                frameworkProperty("org.apache.felix.http.enable").value("true"),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                mavenBundle("org.eclipse.leshan", "leshan-client-core").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                mavenBundle("org.eclipse.leshan", "leshan-client-cf").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                mavenBundle("commons-io", "commons-io").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty12").versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                reactorBundle("models"), reactorBundle("server"), reactorBundle("console"));
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Before
    public void setUp() throws Exception {
        dataFolder = Path.of(PathUtils.getBaseDir(), "target", "it", "localserver-data", String.valueOf(System.nanoTime()));
        coapPort = freeUdpPort();
        configureServer(5000);
        api = new ConsoleClient(Integer.parseInt(context.getProperty("org.osgi.service.http.port")));
        api.awaitGet("/api/status", a -> a.status() == 200 && a.body().path("listen").toString().contains(":" + coapPort), WAIT);
        engine = new EngineSupport(configurationAdmin);
    }

    private void configureServer(long requestTimeoutMs) throws IOException {
        configureServer(requestTimeoutMs, new Hashtable<>());
    }

    private void configureServer(long requestTimeoutMs, Dictionary<String, Object> props) throws IOException {
        props.put("coap.host", "127.0.0.1");
        props.put("coap.port", coapPort);
        props.put("coaps.port", 0);
        props.put("bootstrap.enabled", true);
        props.put("bootstrap.port", 0);
        props.put("bootstrap.coaps.port", -1);
        props.put("data.folder", dataFolder.toString());
        props.put("request.timeout.ms", requestTimeoutMs);
        configurationAdmin.getConfiguration("io.lightgate.server", "?").update(props);
    }

    @After
    public void tearDown() {
        api.close();
        engine.deleteAll();
    }

    private String coapUri() {
        return "coap://127.0.0.1:" + coapPort;
    }

    private String listenUri(String scheme) throws Exception {
        return listen("listen", scheme);
    }

    /** A URI from /api/status: field "listen" (LwM2M server) or "bootstrap". */
    private String listen(String field, String scheme) throws Exception {
        for (JsonNode uri : api.get("/api/status").body().path(field)) {
            if (uri.asText().startsWith(scheme + "://")) {
                return uri.asText();
            }
        }
        throw new AssertionError("the local server does not listen on " + scheme);
    }

    private ConsoleClient.Answer awaitClient(String endpoint) throws Exception {
        return api.awaitGet("/api/clients/" + endpoint, a -> a.status() == 200, REGISTERED);
    }

    private static List<String> links(ConsoleClient.Answer client) {
        return StreamSupport.stream(client.body().path("client").path("objectLinks").spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    public void leshanClientIsReadWrittenExecutedAndObservedThroughTheApi() throws Exception {
        try (LeshanTestClient lamps = LeshanTestClient.start("lamp-1", coapUri(), 2)) {
            lamps.awaitRegistered(REGISTERED);
            List<String> objectLinks = links(awaitClient("lamp-1"));
            assertTrue(objectLinks.toString(), objectLinks.containsAll(List.of("/3/0", "/3311/0", "/3311/1")));

            ConsoleClient.Answer read = api.get("/api/clients/lamp-1/3/0/0");
            assertEquals(read.toString(), 200, read.status());
            assertEquals("Acme Lamps", read.body().path("value").asText());
            ConsoleClient.Answer instance = api.get("/api/clients/lamp-1/3311/0");
            assertEquals(instance.toString(), true, instance.body().path("value").path("5850").asBoolean());

            ConsoleClient.Answer write = api.put("/api/clients/lamp-1/3311/0/5851", "{\"value\": \"40\"}");
            assertEquals(write.toString(), 200, write.status());
            assertEquals("the lamp got the write", 40, lamps.lamp(0).dimmer());

            ConsoleClient.Answer execute = api.post("/api/clients/lamp-1/3/0/4", "{}");
            assertEquals(execute.toString(), 200, execute.status());
            assertEquals("Reboot executed once", 1, lamps.reboots());

            api.openEvents(WAIT);
            ConsoleClient.Answer observe = api.put("/api/observations/lamp-1/3311/1/5851", "");
            assertEquals(observe.toString(), 200, observe.status());
            assertEquals(100, observe.body().path("value").asLong());
            lamps.lamp(1).dim(7);
            ConsoleClient.Event event = api.awaitEvent(e -> e.name().equals("value") && e.data().path("endpoint").asText().equals("lamp-1")
                    && e.data().path("path").asText().equals("/3311/1/5851") && e.data().path("value").asLong() == 7, WAIT);
            assertNotNull(event);
            JsonNode values = api.get("/api/values/lamp-1").body();
            assertTrue(values.toString(), values.toString().contains("\"value\":7"));
            assertTrue(api.get("/api/observations/lamp-1").body().toString().contains("/3311/1/5851"));
            assertEquals(200, api.delete("/api/observations/lamp-1/3311/1/5851").status());
            assertFalse(api.get("/api/observations/lamp-1").body().toString().contains("/3311/1/5851"));
        }
        // the client de-registered on destroy: the console hears it
        api.awaitGet("/api/clients/lamp-1", a -> a.status() == 404, WAIT);
    }

    @Test
    public void theGatewaysOwnEndpointRegistersToTheLocalServer() throws Exception {
        engine.configureEngine();
        engine.addServer("local", java.net.URI.create(coapUri()), 1);
        awaitClient("it-gateway");
        ConsoleClient.Answer manufacturer = api.get("/api/clients/it-gateway/3/0/0");
        assertEquals(manufacturer.toString(), "Lightgate", manufacturer.body().path("value").asText());
    }

    @Test
    public void groupCommandReachesEveryMatchingEndpoint() throws Exception {
        try (LeshanTestClient a = LeshanTestClient.start("street-a", coapUri(), 2);
                LeshanTestClient b = LeshanTestClient.start("street-b", coapUri(), 1);
                LeshanTestClient sensor = LeshanTestClient.start("sensor-c", coapUri(), 0)) {
            for (String ep : List.of("street-a", "street-b", "sensor-c")) {
                awaitClient(ep);
            }
            ConsoleClient.Answer off = api.post("/api/groups/3311/write", "{\"resource\": 5850, \"value\": \"false\"}");
            assertEquals(off.toString(), 200, off.status());
            assertEquals(off.toString(), 3, off.body().path("targets").asInt());
            assertEquals(off.toString(), 3, off.body().path("succeeded").asInt());
            assertFalse(a.lamp(0).on());
            assertFalse(a.lamp(1).on());
            assertFalse(b.lamp(0).on());

            // every client has a Device: reboot them all
            ConsoleClient.Answer reboot = api.post("/api/groups/3/execute", "{\"resource\": 4}");
            assertEquals(reboot.toString(), 3, reboot.body().path("succeeded").asInt());
            assertEquals(1, a.reboots());
            assertEquals(1, b.reboots());
            assertEquals(1, sensor.reboots());

            // a group write the devices refuse: every outcome says why, nothing pretends success
            ConsoleClient.Answer readOnly = api.post("/api/groups/3311/write", "{\"resource\": 5805, \"value\": \"1.0\"}");
            assertEquals(readOnly.toString(), 0, readOnly.body().path("succeeded").asInt());
            assertEquals(readOnly.toString(), 3, readOnly.body().path("targets").asInt());
            assertTrue(readOnly.toString(), readOnly.body().path("outcomes").get(0).path("message").asText().contains("not writable"));
        }
    }

    @Test
    public void badInputGetsAClearJsonError() throws Exception {
        try (LeshanTestClient lamps = LeshanTestClient.start("lamp-bad", coapUri(), 1)) {
            awaitClient("lamp-bad");
            assertError(api.get("/api/clients/nobody/3/0/0"), 404, "nobody");
            assertError(api.get("/api/clients/lamp-bad/3/zero/0"), 400, "zero");
            assertError(api.get("/api/clients/lamp-bad/3/0/0/0/0"), 400, "path");
            assertError(api.put("/api/clients/lamp-bad/3311/0/5851", "{\"value\": \"bright\"}"), 400, "bright");
            assertError(api.put("/api/clients/lamp-bad/3311/0/5850", "{\"value\": \"maybe\"}"), 400, "true or false");
            assertError(api.put("/api/clients/lamp-bad/3311/0/5805", "{\"value\": \"3\"}"), 400, "not writable");
            assertError(api.put("/api/clients/lamp-bad/3311/0/5851", "{not json"), 400, "JSON");
            assertError(api.put("/api/clients/lamp-bad/3311/0/5851", "{}"), 400, "value");
            assertError(api.post("/api/groups/3311/write", "{\"value\": \"1\"}"), 400, "resource");
            assertError(api.get("/api/nothing-here"), 404, "No API operation");
            ConsoleClient.Answer missing = api.get("/api/clients/lamp-bad/3311/9/5850");
            assertError(missing, 404, "4.04");
            assertEquals("4.04", missing.body().path("deviceCode").asText());
            // nothing was lost: the lamp still answers
            assertEquals(200, api.get("/api/clients/lamp-bad/3311/0/5850").status());
        }
    }

    private static void assertError(ConsoleClient.Answer answer, int status, String mentions) {
        assertEquals(answer.toString(), status, answer.status());
        assertTrue(answer.toString(), answer.body().path("message").asText().contains(mentions));
        assertEquals(answer.toString(), status, answer.body().path("status").asInt());
    }

    @Test
    public void registrationsAndTheConsoleSurviveAServerRestart() throws Exception {
        try (LeshanTestClient lamps = LeshanTestClient.start("lamp-restart", coapUri(), 1)) {
            lamps.awaitRegistered(REGISTERED);
            String registrationId = awaitClient("lamp-restart").body().path("client").path("registrationId").asText();
            Path stored = dataFolder.resolve("registrations.json");
            await("registrations.json lists the lamp", () -> {
                try {
                    return Files.readString(stored).contains("lamp-restart");
                } catch (IOException e) {
                    return false;
                }
            });
            api.openEvents(WAIT);

            // a configuration change restarts the server component (same ports)
            ServiceTracker<LocalServer, LocalServer> tracker = new ServiceTracker<>(context, LocalServer.class, null);
            tracker.open();
            LocalServer before = tracker.getService();
            configureServer(6000);
            await("the local server restarted", () -> tracker.getService() != null && tracker.getService() != before);
            tracker.close();

            ConsoleClient.Answer client = awaitClient("lamp-restart");
            assertEquals("restored, not re-registered", registrationId, client.body().path("client").path("registrationId").asText());
            ConsoleClient.Answer read = api.get("/api/clients/lamp-restart/3311/0/5851");
            assertEquals(read.toString(), 200, read.status());
            // the page's event stream keeps working across the restart
            api.put("/api/observations/lamp-restart/3311/0/5851", "");
            lamps.lamp(0).dim(55);
            api.awaitEvent(e -> e.name().equals("value") && e.data().path("value").asLong() == 55, WAIT);
        }
    }

    @Test
    public void bootstrapServerAndPskCredentials() throws Exception {
        // bootstrap: the client knows only the bootstrap server and ends up registered here
        String bootstrapUri = listen("bootstrap", "coap");
        ConsoleClient.Answer put = api.put("/api/bootstrap/boot-1", "{\"serverUri\": \"" + coapUri() + "\", \"shortServerId\": 7, \"lifetime\": 120}");
        assertEquals(put.toString(), 200, put.status());
        assertError(api.put("/api/bootstrap/boot-2", "{\"serverUri\": \"http://x\"}"), 400, "coap://");
        // a PSK account's key goes in but never comes out: not in the PUT answer, not in the list
        ConsoleClient.Answer secured = api.put("/api/bootstrap/boot-3", "{\"serverUri\": \"coaps://127.0.0.1:5684\", \"securityMode\": \"PSK\", "
                + "\"pskIdentity\": \"boot-3\", \"pskKey\": \"a1b2c3d4e5f60718\"}");
        assertEquals(secured.toString(), 200, secured.status());
        assertTrue(secured.toString(), secured.body().path("pskKeySet").asBoolean());
        String listed = api.get("/api/bootstrap").body().toString();
        assertTrue(listed, listed.contains("boot-3") && listed.contains("pskKeySet"));
        assertFalse("no key in the API: " + secured + " " + listed, (secured.body() + listed).contains("a1b2c3d4e5f60718"));
        assertEquals(200, api.delete("/api/bootstrap/boot-3").status());
        try (LeshanTestClient booted = LeshanTestClient.startBootstrap("boot-1", bootstrapUri, 1)) {
            ConsoleClient.Answer client = awaitClient("boot-1");
            assertEquals(120, client.body().path("client").path("lifetimeSeconds").asInt());
        }
        assertTrue(Files.readString(dataFolder.resolve("bootstrap.json")).contains("boot-1"));

        // PSK over DTLS
        String key = "0102030405060708090a0b0c0d0e0f10";
        ConsoleClient.Answer psk = api.put("/api/credentials/secure-1", "{\"mode\": \"PSK\", \"identity\": \"secure-1-id\", \"key\": \"" + key + "\"}");
        assertEquals(psk.toString(), 200, psk.status());
        assertError(api.put("/api/credentials/secure-2", "{\"mode\": \"PSK\", \"identity\": \"x\", \"key\": \"zz\"}"), 400, "hex");
        try (LeshanTestClient secure = LeshanTestClient.startPsk("secure-1", listenUri("coaps"), "secure-1-id", HexFormat.of().parseHex(key), 1)) {
            ConsoleClient.Answer client = awaitClient("secure-1");
            assertTrue(client.toString(), client.body().path("client").path("secure").asBoolean());
            assertEquals(200, api.get("/api/clients/secure-1/3311/0/5850").status());
        }
        assertTrue(api.get("/api/credentials").body().toString().contains("secure-1-id"));

        // RPK over DTLS: the client's EC key is registered, the client pins the server's key
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair clientKeys = generator.generateKeyPair();
        String clientKeyHex = HexFormat.of().formatHex(clientKeys.getPublic().getEncoded());
        assertEquals(200, api.put("/api/credentials/secure-rpk", "{\"mode\": \"RPK\", \"key\": \"" + clientKeyHex + "\"}").status());
        byte[] serverKey = HexFormat.of().parseHex(api.get("/api/status").body().path("serverPublicKey").asText());
        try (LeshanTestClient rpk = LeshanTestClient.startRpk("secure-rpk", listenUri("coaps"), clientKeys, serverKey, 1)) {
            ConsoleClient.Answer client = awaitClient("secure-rpk");
            assertTrue(client.toString(), client.body().path("client").path("secure").asBoolean());
            assertEquals(200, api.get("/api/clients/secure-rpk/3311/0/5850").status());
        }
        // credentials persist in the data folder (Leshan's file store)
        assertTrue(Files.size(dataFolder.resolve("credentials.data")) > 0);
        assertFalse("the key is never handed out", api.get("/api/credentials").body().toString().contains(key));
    }


    @Test
    public void x509ClientsAuthenticateWithCertificatesFromTheTrustedCa() throws Exception {
        TestPki pki = new TestPki(dataFolder.resolve("pki"));
        Path serverStore = pki.issue("server", "lightgate-local-server");
        Path clientStore = pki.issue("x509-1", "x509-1");
        Dictionary<String, Object> x509 = new Hashtable<>();
        x509.put("x509.keystore", serverStore.toString());
        x509.put("x509.password", TestPki.PASSWORD);
        x509.put("x509.trusted", pki.caPem().toString());
        ServiceTracker<LocalServer, LocalServer> tracker = new ServiceTracker<>(context, LocalServer.class, null);
        tracker.open();
        LocalServer before = tracker.getService();
        configureServer(5000, x509);
        await("the local server restarted with its certificate", () -> tracker.getService() != null && tracker.getService() != before);
        tracker.close();

        assertEquals(200, api.put("/api/credentials/x509-1", "{\"mode\": \"X509\"}").status());
        try (LeshanTestClient client = LeshanTestClient.startX509("x509-1", listenUri("coaps"), TestPki.certificate(clientStore, "x509-1"),
                TestPki.privateKey(clientStore, "x509-1"), TestPki.certificate(serverStore, "server"), 1)) {
            ConsoleClient.Answer registered = awaitClient("x509-1");
            assertTrue(registered.toString(), registered.body().path("client").path("secure").asBoolean());
            assertEquals(200, api.get("/api/clients/x509-1/3311/0/5850").status());
        }
        // the server's certificate key is the one RPK clients pin
        assertEquals(HexFormat.of().formatHex(TestPki.certificate(serverStore, "server").getPublicKey().getEncoded()),
                api.get("/api/status").body().path("serverPublicKey").asText());
    }

    @Test
    public void theConsoleAsksForThePasswordWhenOneIsRequired() throws Exception {
        Path passwordFile = Files.createDirectories(dataFolder).resolve("console.password");
        Files.writeString(passwordFile, "s3cret\n");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("password.file", passwordFile.toString());
        props.put("password.on.loopback", true);
        org.osgi.service.cm.Configuration console = configurationAdmin.getConfiguration("io.lightgate.console", "?");
        console.update(props);
        try {
            ConsoleClient.Answer refused = api.awaitGet("/api/status", a -> a.status() == 401, WAIT);
            assertEquals("unauthorized", refused.body().path("error").asText());
            assertEquals(401, api.getAs("/api/status", "admin", "wrong").status());
            // every path of the API, the overview's and the gateway's too, asks for it
            for (String path : new String[] { "/api/clients", "/api/overview", "/api/history/lamp-1/3311/0/5851", "/api/gateway/servers",
                    "/api/gateway/bundles", "/api/events" }) {
                assertEquals(path, 401, api.get(path).status());
            }
            assertEquals(401, api.post("/api/gateway/bundles", "{}").status());
            assertEquals(401, api.delete("/api/gateway/bundles/1").status());
            assertEquals(200, api.getAs("/api/gateway/bundles", "admin", "s3cret").status());
            ConsoleClient.Answer allowed = api.getAs("/api/status", "admin", "s3cret");
            assertEquals(allowed.toString(), 200, allowed.status());
            assertTrue(allowed.body().path("serverRunning").asBoolean());
        } finally {
            console.delete();
        }
        api.awaitGet("/api/status", a -> a.status() == 200, WAIT);
    }
}
