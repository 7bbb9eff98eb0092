/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceReference;

/**
 * The OPC UA adapter end to end, with real peers on loopback: the shop-floor simulator (a Milo
 * OPC UA server) on one side, a Leshan LwM2M server on the other, the gateway's engine between.
 * The simulator's application URI (urn:lightgate:simulator:shopfloor) becomes the endpoint name.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class OpcUaAdapterIT extends GatewayTestSupport {

    private static final String EP = "urn:lightgate:simulator:shopfloor";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: only a failing request waits this long
    private static final Path FOLDER = testFolder("opcua-adapter");

    static final String[] MAPPINGS = {
        "ns=2;s=Oven1/Temperature -> 3303/0/5700",
        "ns=2;s=Oven2/Temperature -> 3303/1/5700",
        "ns=2;s=Oven1/TemperatureSetpoint -> 3308/0/5900",
        "ns=2;s=Motor1/SpeedSetpoint -> 3308/2/5900",
        "ns=2;s=Motor1/Speed -> 3346/0/5700 scale=0.10471975512", // rpm -> rad/s
        "ns=2;s=Motor1/Running -> 3342/0/5500",
        "ns=2;s=Motor1/Running -> 3306/0/5850",
        "ns=2;s=Counter1/Count -> 3200/0/5501",
        "ns=2;s=Counter1/Reset -> 3200/0/5505",
    };

    private TestLeshanServer leshan;
    private EngineSupport engine;
    private String url;
    private int port;
    private OpcUaClient milo;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(FOLDER), Lwm2mStack.withEngine(), OpcUaStack.milo(false),
                OpcUaStack.simulator(), OpcUaStack.adapter());
    }

    static List<ObjectModel> models() throws Exception {
        List<ObjectModel> models = new ArrayList<>(EngineSupport.temperatureModel());
        for (int id : new int[] { 3200, 3306, 3308, 3342, 3346 }) {
            try (var in = OpcUaAdapterIT.class.getResourceAsStream("/ddf/" + id + ".xml")) {
                models.addAll(ObjectLoader.loadDdfFile(in, id + ".xml", false));
            }
        }
        return models;
    }

    @Before
    public void setUp() throws Exception {
        leshan = TestLeshanServer.builder().name("leshan").models(models()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("leshan", leshan.uri(), 1);
        port = OpcUaStack.freePort();
        url = OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
        awaitListening();
        milo = OpcUaStack.client(url);
    }

    @After
    public void tearDown() throws Exception {
        if (milo != null) {
            milo.disconnect();
        }
        engine.deleteAll();
        for (var c : configurationAdmin.listConfigurations("(service.factoryPid=io.lightgate.adapter.opcua.server)") == null
                ? new org.osgi.service.cm.Configuration[0]
                : configurationAdmin.listConfigurations("(service.factoryPid=io.lightgate.adapter.opcua.server)")) {
            c.delete();
        }
        OpcUaStack.stopSimulator(configurationAdmin);
        leshan.destroy();
    }

    // the simulator's first start in a fresh folder makes its RSA certificate: on a busy 2-core
    // machine that alone has taken 25 s, so this wait is longer than WAIT (and still bounded)
    private static final Duration SIMULATOR_START = Duration.ofSeconds(60);

    private void awaitListening() throws InterruptedException {
        if (!holdsWithin(SIMULATOR_START, () -> listens(port))) {
            throw new AssertionError("Timed out after " + SIMULATOR_START.toSeconds() + " s waiting for the simulator to listen on " + url);
        }
    }

    private Map<String, Object> settings(String... extra) {
        Map<String, Object> s = new HashMap<>();
        s.put("endpoint.url", url);
        s.put("mappings", MAPPINGS);
        s.put("trust.all.servers", true);
        s.put("pki.dir", FOLDER.resolve("gateway-pki").toString());
        s.put("sampling.interval.ms", 50.0);
        s.put("publishing.interval.ms", 100.0);
        s.put("reconnect.min.ms", 200L);
        s.put("reconnect.max.ms", 1000L);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            s.put(extra[i], extra[i + 1]);
        }
        return s;
    }

    private Object read(String endpoint, int o, int i, int r) throws Exception {
        ReadResponse response = leshan.send(endpoint, new ReadRequest(ContentFormat.TEXT, o, i, r), TIMEOUT);
        assertTrue(o + "/" + i + "/" + r + ": " + response, response.isSuccess());
        return ((LwM2mSingleResource) response.getContent()).getValue();
    }

    @Test
    public void aConfigurationThatDoesNotWorkShowsFailedNamingTheSettingUntilItGoes() throws Exception {
        org.osgi.service.cm.Configuration broken = OpcUaStack.configureServer(configurationAdmin, "broken",
                settings("endpoint.url", "http://127.0.0.1:" + port, "endpoint.name", "broken-ep"));
        await("the server's source says FAILED", () -> sourceIs("broken-ep", io.lightgate.api.status.SourceState.FAILED));
        io.lightgate.api.status.SourceStatus s = source("broken-ep");
        assertTrue(s.lastError(), s.lastError().contains("endpoint.url") && s.lastError().contains("opc.tcp://"));
        assertEquals("OPC UA server", s.kind());
        broken.delete();
        await("the failed source goes with its configuration", () -> source("broken-ep") == null);
    }

    @Test
    public void valuesArriveAsNotificationsAndReadsServeTheLatestValue() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first temperature from the subscription", () -> safeRead(3303, 0, 5700) != null);

        var observe = leshan.send(EP, new ObserveRequest(ContentFormat.TEXT, 3303, 0, 5700), TIMEOUT);
        assertTrue(observe.toString(), observe.isSuccess());
        List<TestLeshanServer.Notification> n = leshan.awaitNotifications(EP, "/3303/0/5700", 3, WAIT);
        assertTrue("the oven heats: " + n, n.stream().map(x -> (Double) x.value()).distinct().count() >= 2);

        assertEquals(1200.0, read(EP, 3308, 2, 5900));
        assertEquals(true, read(EP, 3342, 0, 5500));
        // the motor ramps up to its setpoint and stays there: compare once it is steady
        // (comparing a ramping value races the subscription's publishing interval)
        double setpointRpm = ((Number) OpcUaStack.readValue(milo, "ns=2;s=Motor1/SpeedSetpoint")).doubleValue();
        await("the motor runs at its " + setpointRpm + " rpm setpoint", () -> opcUaDouble("ns=2;s=Motor1/Speed") == setpointRpm);
        double expectedRadPerS = setpointRpm * 0.10471975512;
        await("the speed reads as " + setpointRpm + " rpm scaled to rad/s (" + expectedRadPerS + ")", () -> {
            Object v = safeRead(3346, 0, 5700);
            return v instanceof Double d && Math.abs(d - expectedRadPerS) < 1e-6;
        });
        assertTrue(read(EP, 3200, 0, 5501) instanceof Long);
    }

    /** exposure = gateway: the OPC UA server's endpoint is an end device behind the gateway's registration (object 25). */
    @Test
    public void serverBehindTheGatewayThroughObject25() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings("exposure", "gateway"));
        String gateway = "it-gateway";
        assertNotNull(leshan.awaitRegistration(gateway, WAIT));
        leshan.awaitUpdate(gateway, TestLeshanServer.hasInstance(25, 0), WAIT);
        assertEquals(EP, RawCoap.text(leshan, gateway, "25/0/0", TIMEOUT));
        String prefix = RawCoap.text(leshan, gateway, "25/0/1", TIMEOUT);
        assertTrue(RawCoap.text(leshan, gateway, "25/0/3", TIMEOUT).contains("</" + prefix + "/3303/0>"));
        await("an oven temperature through the prefix", () -> {
            try {
                double celsius = Double.parseDouble(RawCoap.text(leshan, gateway, prefix + "/3303/0/5700", TIMEOUT));
                return celsius > -50 && celsius < 1000;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertTrue("the OPC UA server registers no endpoint of its own: " + leshan.allEvents(),
                leshan.allEvents().stream().allMatch(e -> e.endpoint().equals(gateway)));
    }

    @Test
    public void aVariableChangingFasterThanThePublishingIntervalLosesNoSample() throws Exception {
        // one publish a second; the setpoint changes every 150 ms: the server queues the samples
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings("publishing.interval.ms", "1000"));
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first setpoint", () -> safeRead(3308, 2, 5900) != null);
        // in SenML: a notification then carries every sample of a publish, each with its time
        var observe = leshan.send(EP, new ObserveRequest(ContentFormat.SENML_JSON, 3308, 2, 5900), TIMEOUT);
        assertTrue(observe.toString(), observe.isSuccess());

        List<Double> written = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            double rpm = 1000 + i;
            var status = milo.writeValues(List.of(NodeId.parse("ns=2;s=Motor1/SpeedSetpoint")),
                    List.of(org.eclipse.milo.opcua.stack.core.types.builtin.DataValue.valueOnly(Variant.ofDouble(rpm))));
            assertTrue(status.toString(), status.get(0).isGood());
            written.add(rpm);
            Thread.sleep(150); // the source's pace (three samples apart), not a wait for a result
        }
        boolean all = holdsWithin(WAIT, () -> notifiedValues("/3308/2/5900").containsAll(written));
        assertTrue("every written setpoint notified: written " + written + ", notified " + notifiedValues("/3308/2/5900")
                + ", notifications " + leshan.notifications(EP, "/3308/2/5900").stream().map(n -> n.response() instanceof
                        org.eclipse.leshan.core.response.ObserveResponse o ? String.valueOf(o.getTimestampedLwM2mNodes()) : String.valueOf(n))
                        .toList(), all);
        List<Double> notified = notifiedValues("/3308/2/5900");
        assertEquals("in the order written", written, notified.stream().filter(written::contains).distinct().toList());
    }

    /** Every value the notifications carried, oldest first (a SenML notification may carry several, each with its time). */
    private List<Double> notifiedValues(String path) {
        List<Double> values = new ArrayList<>();
        for (TestLeshanServer.Notification n : leshan.notifications(EP, path)) {
            if (n.response() instanceof org.eclipse.leshan.core.response.ObserveResponse o && o.getTimestampedLwM2mNodes() != null
                    && !o.getTimestampedLwM2mNodes().isEmpty()) {
                o.getTimestampedLwM2mNodes().stream()
                        .sorted(java.util.Comparator.comparing(t -> t.getTimestamp() == null ? java.time.Instant.MAX : t.getTimestamp()))
                        .map(t -> ((LwM2mSingleResource) t.getNode()).getValue()).filter(Double.class::isInstance)
                        .forEach(v -> values.add((Double) v));
            } else if (n.content() instanceof LwM2mSingleResource r && r.getValue() instanceof Double d) {
                values.add(d);
            }
        }
        return values;
    }

    @Test
    public void aBadStatusAnswers503InsteadOfAStaleValue() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first Oven2 temperature", () -> safeRead(3303, 1, 5700) != null);
        List<org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode> fault = milo.writeValues(
                List.of(NodeId.parse("ns=2;s=Oven2/SensorFault")), List.of(org.eclipse.milo.opcua.stack.core.types.builtin.DataValue
                        .valueOnly(Variant.ofBoolean(true))));
        assertTrue(fault.toString(), fault.get(0).isGood());
        await("the broken sensor answers 5.03", () -> {
            try {
                ReadResponse r = leshan.send(EP, new ReadRequest(ContentFormat.TEXT, 3303, 1, 5700), TIMEOUT);
                return r.getCode().getCode() == 503 && r.getErrorMessage().contains("Bad_SensorFailure");
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertTrue("the other oven still answers", read(EP, 3303, 0, 5700) instanceof Double);
        milo.writeValues(List.of(NodeId.parse("ns=2;s=Oven2/SensorFault")), List.of(
                org.eclipse.milo.opcua.stack.core.types.builtin.DataValue.valueOnly(Variant.ofBoolean(false))));
        await("a value again once the sensor is fixed", () -> safeRead(3303, 1, 5700) instanceof Double);
    }

    @Test
    public void writesReachTheOpcUaNodeAndRejectedWritesAnswerAnError() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first value", () -> safeRead(3308, 2, 5900) != null);

        var ok = leshan.send(EP, new WriteRequest(ContentFormat.TEXT, 3308, 2, 5900, 1750.0), TIMEOUT);
        assertEquals(ok.toString(), ResponseCode.CHANGED, ok.getCode());
        assertEquals(1750.0, OpcUaStack.readValue(milo, "ns=2;s=Motor1/SpeedSetpoint"));
        await("the subscription reports the written setpoint", () -> Double.valueOf(1750.0).equals(safeRead(3308, 2, 5900)));

        var stop = leshan.send(EP, new WriteRequest(ContentFormat.TEXT, 3306, 0, 5850, false), TIMEOUT);
        assertEquals(stop.toString(), ResponseCode.CHANGED, stop.getCode());
        assertEquals(false, OpcUaStack.readValue(milo, "ns=2;s=Motor1/Running"));

        // the simulator refuses speeds above 3000 rpm with Bad_OutOfRange
        var rejected = leshan.send(EP, new WriteRequest(ContentFormat.TEXT, 3308, 2, 5900, 9000.0), TIMEOUT);
        assertEquals(rejected.toString(), ResponseCode.BAD_REQUEST, rejected.getCode());
        assertTrue(rejected.getErrorMessage(), rejected.getErrorMessage().contains("Bad_OutOfRange"));
        assertEquals(1750.0, OpcUaStack.readValue(milo, "ns=2;s=Motor1/SpeedSetpoint"));
    }

    @Test
    public void executeCallsTheOpcUaMethod() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first count from the subscription", () -> safeRead(3200, 0, 5501) != null);
        var preset = milo.call(List.of(new CallMethodRequest(NodeId.parse("ns=2;s=Counter1"), NodeId.parse("ns=2;s=Counter1/Preset"),
                new Variant[] { Variant.ofUInt32(UInteger.valueOf(5000)) }))).getResults()[0];
        assertTrue(preset.getStatusCode().isGood());
        await("the preset count at the LwM2M side", () -> safeRead(3200, 0, 5501) instanceof Long l && l >= 5000);

        var reset = leshan.send(EP, new ExecuteRequest("/3200/0/5505"), TIMEOUT);
        assertEquals(reset.toString(), ResponseCode.CHANGED, reset.getCode());
        assertTrue(((UInteger) OpcUaStack.readValue(milo, "ns=2;s=Counter1/Count")).longValue() < 100);
        await("the reset count at the LwM2M side", () -> safeRead(3200, 0, 5501) instanceof Long l && l < 100);
    }

    @Test
    public void signAndEncryptWithUsernamePasswordFromAFile() throws Exception {
        Path passwordFile = FOLDER.resolve("operator.password");
        java.nio.file.Files.writeString(passwordFile, "secret\n");
        OpcUaStack.configureServer(configurationAdmin, "secure", settings("endpoint.name", "shopfloor-secure",
                "security.policy", "Basic256Sha256", "security.mode", "SignAndEncrypt", "identity", "username",
                "username", "operator", "password.file", passwordFile.toString()));
        assertNotNull(leshan.awaitRegistration("shopfloor-secure", WAIT));
        await("a value over the encrypted session", () -> {
            try {
                return leshan.send("shopfloor-secure", new ReadRequest(ContentFormat.TEXT, 3308, 2, 5900), TIMEOUT).isSuccess();
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertEquals(OpcUaServerStatus.State.CONNECTED, status("shopfloor-secure").state());
    }

    @Test
    public void anUntrustedServerCertificateIsRefusedUntilTheOperatorTrustsIt() throws Exception {
        Path pki = FOLDER.resolve("strict-pki");
        OpcUaStack.configureServer(configurationAdmin, "strict", settings("endpoint.name", "shopfloor-strict",
                "security.policy", "Basic256Sha256", "trust.all.servers", "false", "pki.dir", pki.toString()));
        await("the status says the certificate is not trusted and where it is", () -> {
            OpcUaServerStatus s = status("shopfloor-strict");
            return s != null && s.lastError().contains("rejected") && s.lastError().contains("trusted");
        });
        Path rejected = pki.resolve("rejected").resolve("certs");
        await("the server certificate waits in " + rejected, () -> {
            try (var files = java.nio.file.Files.list(rejected)) {
                return files.findAny().isPresent();
            } catch (java.io.IOException e) {
                return false;
            }
        });
        try (var files = java.nio.file.Files.list(rejected)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.move(f, pki.resolve("trusted").resolve("certs").resolve(f.getFileName()));
            }
        }
        await("connected once the certificate is trusted", () -> status("shopfloor-strict").state() == OpcUaServerStatus.State.CONNECTED);
    }

    @Test
    public void aWrongPasswordIsReported() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "wrong", settings("endpoint.name", "shopfloor-wrong",
                "security.policy", "Basic256Sha256", "identity", "username", "username", "operator", "password", "guess",
                "registration.wait.ms", "2000"));
        // a fixed name: after registration.wait.ms the endpoint registers anyway, but every read answers 5.03
        assertNotNull(leshan.awaitRegistration("shopfloor-wrong", WAIT));
        await("the status names the rejected identity", () -> {
            OpcUaServerStatus s = status("shopfloor-wrong");
            return s != null && s.state() == OpcUaServerStatus.State.DISCONNECTED && s.lastError().contains("rejected identity");
        });
        OpcUaServerStatus s = status("shopfloor-wrong");
        assertTrue(s.lastError(), s.lastError().contains("Bad_UserAccessDenied") || s.lastError().contains("Bad_IdentityTokenRejected"));
        assertTrue(s.lastError(), s.lastError().contains("password"));
        // the console shows the same: opcua:servers
        var commands = context.getServiceReferences((String) null, "(osgi.command.scope=opcua)");
        assertNotNull("the opcua:* console commands", commands);
        Object command = context.getService(commands[0]);
        String table = (String) command.getClass().getMethod("servers").invoke(command);
        assertTrue(table, table.contains("DISCONNECTED") && table.contains("shopfloor-wrong") && table.contains("rejected identity"));
        var read = leshan.send("shopfloor-wrong", new ReadRequest(ContentFormat.TEXT, 3308, 2, 5900), TIMEOUT);
        assertEquals("5.03: " + read, 503, read.getCode().getCode());
    }

    @Test
    public void afterTheServerRestartsSubscriptionsComeBackAndNotificationsResume() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first temperature from the subscription", () -> safeRead(3303, 0, 5700) != null);
        assertTrue(leshan.send(EP, new ObserveRequest(ContentFormat.TEXT, 3303, 0, 5700), TIMEOUT).isSuccess());
        leshan.awaitNotifications(EP, "/3303/0/5700", 2, WAIT);
        milo.disconnect();
        milo = null;

        OpcUaStack.stopSimulator(configurationAdmin);
        await("reads answer 5.03 while the OPC UA server is away", () -> {
            try {
                return leshan.send(EP, new ReadRequest(ContentFormat.TEXT, 3303, 0, 5700), TIMEOUT).getCode()
                        .getCode() == 503; // 5.03
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertEquals(OpcUaServerStatus.State.DISCONNECTED, status(EP).state());
        assertNotNull("the endpoint stays registered", leshan.registration(EP));
        // the SPI's status for consoles: disconnected since the loss, why, and when the next attempt goes out
        await("the source status says disconnected with a next attempt", () -> {
            io.lightgate.api.status.SourceStatus s = source(EP);
            return s != null && s.state() == io.lightgate.api.status.SourceState.DISCONNECTED && s.retryAt() != null;
        });
        io.lightgate.api.status.SourceStatus lost = source(EP);
        assertEquals("OPC UA server", lost.kind());
        assertEquals(url, lost.address());
        assertTrue(lost.toString(), !lost.lastError().isEmpty());
        assertEquals(1, lost.reads());

        int before = leshan.notifications(EP, "/3303/0/5700").size();
        OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
        awaitListening();
        leshan.awaitNotifications(EP, "/3303/0/5700", before + 3, WAIT);
        assertEquals(OpcUaServerStatus.State.CONNECTED, status(EP).state());
        assertTrue(read(EP, 3303, 0, 5700) instanceof Double);
        await("the source status says connected again", () -> sourceIs(EP, io.lightgate.api.status.SourceState.CONNECTED));
        io.lightgate.api.status.SourceStatus back = source(EP);
        assertEquals(back.toString(), 1, back.reconnects());
        assertEquals(back.toString(), "", back.lastError());
        assertEquals(back.toString(), null, back.retryAt());
    }

    /**
     * The OPC UA server restarts three times; right after each restart values are set on it.
     * The LwM2M server's observation receives each of them once and in order, and the value the
     * server came back with once too (not once as read at the reconnection and once more as the
     * monitored item's first sample). After each restart the server holds one subscription and
     * one session of the adapter (beside this test's own session), and the adapter one thread:
     * the sessions the restarts took away are not reconnected beside the new one.
     */
    @Test
    public void afterEachRestartValuesSetRightAfterArriveOnceEachInOrderAndNothingIsLeftBehind() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        await("a first setpoint", () -> safeRead(3308, 2, 5900) != null);
        assertTrue(leshan.send(EP, new ObserveRequest(ContentFormat.TEXT, 3308, 2, 5900), TIMEOUT).isSuccess());
        assertEquals("one connection thread: " + adapterThreadNames(), 1, adapterThreads(url));
        for (int round = 1; round <= 3; round++) {
            double beforeStop = round * 100 + 0.5; // not the 1200 rpm the simulator starts with
            writeSetpoint(beforeStop);
            await("the value before the stop notified", () -> notifiedValues("/3308/2/5900").contains(beforeStop));
            milo.disconnect();
            milo = null;
            OpcUaStack.stopSimulator(configurationAdmin);
            await("the adapter sees the server gone", () -> status(EP).state() == OpcUaServerStatus.State.DISCONNECTED);
            int before = notifiedValues("/3308/2/5900").size();

            OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
            awaitListening();
            milo = OpcUaStack.client(url);
            // the reconnection, within a generous bound (the adapter tries every reconnect.min.ms = 200 ms)
            await("the value the server came back with (1200 rpm) notified",
                    () -> notifiedValues("/3308/2/5900").subList(before, notifiedValues("/3308/2/5900").size()).contains(1200.0));
            List<Double> expected = new ArrayList<>(List.of(1200.0));
            for (int i = 1; i <= 5; i++) {
                double rpm = round * 500 + i; // within the motor's 0..3000 rpm
                writeSetpoint(rpm);
                expected.add(rpm);
                Thread.sleep(300); // the source's pace (six samples apart), not a wait for a result
            }
            double last = expected.get(expected.size() - 1);
            await("every value set after restart " + round + " notified", () -> notifiedValues("/3308/2/5900").contains(last));
            List<Double> all = notifiedValues("/3308/2/5900");
            assertEquals("restart " + round + ": once each, in order (all notified: " + all + ")", expected,
                    all.subList(before, all.size()));
            assertEquals("restart " + round + ": the adapter's subscription", 1, simulator("subscriptionCount"));
            assertEquals("restart " + round + ": the adapter's session and the test's", 2, simulator("sessionCount"));
            assertEquals(OpcUaServerStatus.State.CONNECTED, status(EP).state());
        }
        assertEquals("one connection thread after the restarts: " + adapterThreadNames(), 1, adapterThreads(url));
        assertEquals("the observation made before the restarts", 1,
                leshan.server().getObservationService().getObservations(leshan.registration(EP)).size());
    }

    private void writeSetpoint(double rpm) throws Exception {
        var status = milo.writeValues(List.of(NodeId.parse("ns=2;s=Motor1/SpeedSetpoint")),
                List.of(org.eclipse.milo.opcua.stack.core.types.builtin.DataValue.valueOnly(Variant.ofDouble(rpm))));
        assertTrue(status.toString(), status.get(0).isGood());
    }

    /**
     * The adapter's connection threads for this test's server ("lightgate-opcua &lt;url&gt;"). By URL:
     * Pax Exam starts each test's framework in the same JVM, where a thread of the previous test's
     * framework may still be finishing (each test's simulator has a port of its own).
     */
    private static long adapterThreads(String url) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals("lightgate-opcua " + url)).count();
    }

    /** Names, states and top frames of the adapter's connection threads, for a failure message. */
    private static String adapterThreadNames() {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.isAlive() && t.getName().startsWith("lightgate-opcua ")) {
                text.append("\n").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    text.append("\n    at ").append(stack[i]);
                }
            }
        });
        return text.toString();
    }

    /** sessionCount or subscriptionCount of the running simulator (its package is private: by reflection). */
    private int simulator(String method) throws Exception {
        ServiceReference<?> ref = context.getServiceReference("io.lightgate.simulator.opcua.ShopFloorSimulator");
        assertNotNull("the simulator runs", ref);
        Object simulator = context.getService(ref);
        try {
            return (Integer) simulator.getClass().getMethod(method).invoke(simulator);
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    public void whenDisconnectedDeregisterTakesTheEndpointAwayUntilTheServerIsBack() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "dereg", settings("endpoint.name", "shopfloor-dereg",
                "when.disconnected", "deregister"));
        assertNotNull(leshan.awaitRegistration("shopfloor-dereg", WAIT));
        milo.disconnect();
        milo = null;
        OpcUaStack.stopSimulator(configurationAdmin);
        leshan.awaitDeregistration("shopfloor-dereg", WAIT);
        leshan.clear();
        OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
        awaitListening();
        assertNotNull("registered again once the OPC UA server is back", leshan.awaitRegistration("shopfloor-dereg", WAIT));
    }

    @Test
    public void autoBrowseMakesAnUnknownMachineReadableWithoutHandMapping() throws Exception {
        Map<String, Object> settings = settings("endpoint.name", "shopfloor-auto", "browse.folder", "ns=2;s=ShopFloor");
        settings.put("mappings", new String[0]);
        settings.put("browse.object.id.start", 32000);
        OpcUaStack.configureServer(configurationAdmin, "auto", settings);
        // one generated model per OPC UA object type, ids in the order of the type names
        await("the generated models are in the registry", () -> modelNamed(32000, "CompressorType")
                && modelNamed(32001, "MotorType") && modelNamed(32002, "OvenType") && modelNamed(32003, "PartCounterType"));
        io.lightgate.api.model.ObjectModel compressor = models(32000);
        assertEquals(List.of("OperatingSeconds", "Pressure", "Purge", "Running"),
                compressor.resources().values().stream().map(io.lightgate.api.model.ResourceModel::name).toList());
        assertEquals(io.lightgate.api.ResourceType.FLOAT, compressor.resources().get(1).type());
        assertEquals(io.lightgate.api.model.Operations.RW, compressor.resources().get(3).operations());
        assertEquals(io.lightgate.api.model.Operations.E, compressor.resources().get(2).operations());
        // OvenType: 0 SensorFault, 1 Temperature (AnalogItemType, °C, 0..500), 2 TemperatureSetpoint
        io.lightgate.api.model.ResourceModel ovenTemperature = models(32002).resources().get(1);
        assertEquals("Temperature", ovenTemperature.name());
        assertEquals("°C", ovenTemperature.units());
        assertEquals("0..500", ovenTemperature.range());

        // a server that loaded the generated models (as an operator would) reads, writes and executes them
        List<ObjectModel> leshanModels = new ArrayList<>();
        for (int id = 32000; id <= 32003; id++) {
            leshanModels.add(toLeshan(models(id)));
        }
        TestLeshanServer second = TestLeshanServer.builder().name("second").models(leshanModels).start();
        try {
            engine.addServer("second", second.uri(), 2);
            var registration = second.awaitRegistration("shopfloor-auto", WAIT);
            assertNotNull(registration);
            await("the oven instances are registered", () -> second.registration("shopfloor-auto") != null
                    && TestLeshanServer.objectIds(List.of(second.registration("shopfloor-auto").getObjectLinks())).contains(32002));
            await("a pressure value", () -> {
                try {
                    ReadResponse r = second.send("shopfloor-auto", new ReadRequest(ContentFormat.TEXT, 32000, 0, 1), TIMEOUT);
                    return r.isSuccess() && ((LwM2mSingleResource) r.getContent()).getValue() instanceof Double;
                } catch (InterruptedException e) {
                    return false;
                }
            });
            var write = second.send("shopfloor-auto", new WriteRequest(ContentFormat.TEXT, 32000, 0, 3, false), TIMEOUT);
            assertEquals(write.toString(), ResponseCode.CHANGED, write.getCode());
            assertEquals(false, OpcUaStack.readValue(milo, "ns=2;s=Compressor1/Running"));
            // PartCounterType: 0 Count, 1 Preset(Value), 2 Reset; execute arguments become method arguments
            var preset = second.send("shopfloor-auto", new ExecuteRequest("/32003/0/1", "0='4321'"), TIMEOUT);
            assertEquals(preset.toString(), ResponseCode.CHANGED, preset.getCode());
            long count = ((UInteger) OpcUaStack.readValue(milo, "ns=2;s=Counter1/Count")).longValue();
            assertTrue("count after Preset(4321): " + count, count >= 4321 && count < 4400);
            var missing = second.send("shopfloor-auto", new ExecuteRequest("/32003/0/1"), TIMEOUT);
            assertEquals("a method argument is missing: " + missing, ResponseCode.BAD_REQUEST, missing.getCode());
        } finally {
            second.destroy();
        }
    }

    // ---- issue 10: Device object, read after write, observe at registration, units and range, browse filter ----

    @Test
    public void theDeviceObjectTellsTheServersBuildInfoAndRebootReconnects() throws Exception {
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        String version = (String) OpcUaStack.readValue(milo, "i=2264"); // ServerStatus.BuildInfo.SoftwareVersion
        assertEquals("Lightgate", read(EP, 3, 0, 0));
        assertEquals("Lightgate shop-floor simulator", read(EP, 3, 0, 1));
        assertEquals("the server's application URI", EP, read(EP, 3, 0, 2));
        assertTrue("firmware " + read(EP, 3, 0, 3), ((String) read(EP, 3, 0, 3)).startsWith(version));
        assertEquals(version, read(EP, 3, 0, 19));
        assertEquals("OPC UA server (urn:lightgate:simulator)", read(EP, 3, 0, 17));
        assertEquals(List.of(0L), errorCodes(EP));

        OpcUaServerStatus before = status(EP);
        java.time.Instant since = before.since();
        var reboot = leshan.send(EP, new ExecuteRequest("/3/0/4"), TIMEOUT);
        assertEquals(reboot.toString(), ResponseCode.CHANGED, reboot.getCode());
        await("Reboot reconnected the OPC UA session", () -> {
            OpcUaServerStatus s = status(EP);
            return s.state() == OpcUaServerStatus.State.CONNECTED && s.since().isAfter(since);
        });
        await("values again after the reconnect", () -> safeRead(3303, 0, 5700) instanceof Double);
        assertEquals("a Reboot does not re-register the endpoint", 1, leshan.events(EP).stream()
                .filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count());
    }

    @Test
    public void aReadRightAfterAWriteOrAnExecuteAnswersTheNewValue() throws Exception {
        // the default intervals: the subscription reports a change up to ~1.5 s after it happened
        Map<String, Object> s = settings("sampling.interval.ms", "500", "publishing.interval.ms", "1000");
        s.put("mappings", new String[] { "ns=2;s=Motor1/SpeedSetpoint -> 3308/0/5900",
            "ns=2;s=Oven1/TemperatureSetpoint -> 3308/1/5900 scale=1.8 offset=32", // Celsius -> Fahrenheit
            "ns=2;s=Counter1/Count -> 3200/0/5501", "ns=2;s=Counter1/Reset -> 3200/0/5505" });
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", s);
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        assertEquals(1200.0, read(EP, 3308, 0, 5900));

        var write = leshan.send(EP, new WriteRequest(ContentFormat.TEXT, 3308, 0, 5900, 1500.0), TIMEOUT);
        assertEquals(write.toString(), ResponseCode.CHANGED, write.getCode());
        assertEquals("the written value, read right after the write", 1500.0, read(EP, 3308, 0, 5900));
        assertEquals(1500.0, OpcUaStack.readValue(milo, "ns=2;s=Motor1/SpeedSetpoint"));

        // 212 °F is 100 °C on the OPC UA side and reads back as 212 °F (through scale and offset)
        var converted = leshan.send(EP, new WriteRequest(ContentFormat.TEXT, 3308, 1, 5900, 212.0), TIMEOUT);
        assertEquals(converted.toString(), ResponseCode.CHANGED, converted.getCode());
        assertEquals(212.0, (Double) read(EP, 3308, 1, 5900), 1e-9);
        assertEquals(100.0, (Double) OpcUaStack.readValue(milo, "ns=2;s=Oven1/TemperatureSetpoint"), 1e-9);

        var preset = milo.call(List.of(new CallMethodRequest(NodeId.parse("ns=2;s=Counter1"), NodeId.parse("ns=2;s=Counter1/Preset"),
                new Variant[] { Variant.ofUInt32(UInteger.valueOf(5000)) }))).getResults()[0];
        assertTrue(preset.getStatusCode().isGood());
        await("the preset count at the LwM2M side", () -> safeRead(3200, 0, 5501) instanceof Long l && l >= 5000);
        var reset = leshan.send(EP, new ExecuteRequest("/3200/0/5505"), TIMEOUT);
        assertEquals(reset.toString(), ResponseCode.CHANGED, reset.getCode());
        long count = (Long) read(EP, 3200, 0, 5501);
        assertTrue("the count read right after Reset: " + count, count < 100);
    }

    @Test
    public void anObservationMadeAtRegistrationIsEstablishedAndSurvivesAServerRestart() throws Exception {
        // an LwM2M server that observes (and reads) inside its registration listener, as many do
        java.util.concurrent.CompletableFuture<ObserveResponse> observed = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<org.eclipse.leshan.core.response.ReadResponse> manufacturer =
                new java.util.concurrent.CompletableFuture<>();
        leshan.server().getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(org.eclipse.leshan.server.registration.Registration reg,
                    org.eclipse.leshan.server.registration.Registration previous, java.util.Collection<Observation> previousObservations) {
                if (!EP.equals(reg.getEndpoint())) {
                    return;
                }
                leshan.server().send(reg, new ObserveRequest(ContentFormat.TEXT, 3303, 0, 5700), TIMEOUT.toMillis(),
                        observed::complete, observed::completeExceptionally);
                leshan.server().send(reg, new ReadRequest(ContentFormat.TEXT, 3, 0, 0), TIMEOUT.toMillis(),
                        manufacturer::complete, manufacturer::completeExceptionally);
            }

            @Override
            public void updated(org.eclipse.leshan.server.registration.RegistrationUpdate update,
                    org.eclipse.leshan.server.registration.Registration updated, org.eclipse.leshan.server.registration.Registration previous) {
            }

            @Override
            public void unregistered(org.eclipse.leshan.server.registration.Registration reg, java.util.Collection<Observation> observations,
                    boolean expired, org.eclipse.leshan.server.registration.Registration newReg) {
            }
        });
        // which observation each notification belongs to, and how many observations were made
        List<String> newObservations = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, List<Object>> valuesByObservation = new java.util.concurrent.ConcurrentHashMap<>();
        leshan.server().getObservationService().addListener(new ObservationListener() {
            @Override
            public void newObservation(Observation observation, org.eclipse.leshan.server.registration.Registration registration) {
                newObservations.add(observation.getId().toString());
            }

            @Override
            public void cancelled(Observation observation) {
            }

            @Override
            public void onResponse(SingleObservation observation, org.eclipse.leshan.server.registration.Registration registration,
                    ObserveResponse response) {
                valuesByObservation.computeIfAbsent(observation.getId().toString(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(((LwM2mSingleResource) response.getContent()).getValue());
            }

            @Override
            public void onResponse(org.eclipse.leshan.core.observation.CompositeObservation observation,
                    org.eclipse.leshan.server.registration.Registration registration,
                    org.eclipse.leshan.core.response.ObserveCompositeResponse response) {
            }

            @Override
            public void onError(Observation observation, org.eclipse.leshan.server.registration.Registration registration, Exception error) {
            }
        });

        OpcUaStack.configureServer(configurationAdmin, "shopfloor", settings());
        ObserveResponse response = observed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertTrue("the Observe sent at registration: " + response, response.isSuccess());
        assertTrue(response.getContent().toString(), ((LwM2mSingleResource) response.getContent()).getValue() instanceof Double);
        var read = manufacturer.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("the Read sent at registration: " + read, "Lightgate", ((LwM2mSingleResource) read.getContent()).getValue());
        String id = response.getObservation().getId().toString();
        await("notifications on the observation made at registration",
                () -> valuesByObservation.getOrDefault(id, List.of()).size() >= 2);

        milo.disconnect();
        milo = null;
        OpcUaStack.stopSimulator(configurationAdmin);
        await("the Device object reports error 7 (IP connectivity failure) while the OPC UA server is away",
                () -> errorCodesOrEmpty(EP).equals(List.of(7L)));
        int before = valuesByObservation.get(id).size();
        OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
        awaitListening();
        await("notifications resume on the same observation", () -> valuesByObservation.get(id).size() >= before + 3);
        assertEquals("no observation was made again", List.of(id), newObservations);
        assertEquals(1, leshan.server().getObservationService().getObservations(leshan.registration(EP)).size());
        await("no error once the server is back", () -> errorCodesOrEmpty(EP).equals(List.of(0L)));
    }

    @Test
    public void unitsAndRangeComeFromEngineeringUnitsAndEURange() throws Exception {
        Map<String, Object> s = settings();
        s.put("mappings", new String[] { "ns=2;s=Oven1/Temperature -> 3303/0/5700",
            "ns=2;s=Oven2/Temperature -> 3303/1/5700 scale=1.8 offset=32 units=°F",
            "ns=2;s=Oven1/TemperatureSetpoint -> 3308/0/5900",
            "ns=2;s=Motor1/Speed -> 3346/0/5700 scale=0.10471975512" });
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", s);
        assertNotNull(leshan.awaitRegistration(EP, WAIT));
        // the simulator's oven temperatures are AnalogItemType, °C, EURange 0..500
        assertEquals("°C", read(EP, 3303, 0, 5701));
        assertEquals(0.0, read(EP, 3303, 0, 5603));
        assertEquals(500.0, read(EP, 3303, 0, 5604));
        assertEquals("°C", read(EP, 3308, 0, 5701));
        // converted: the range follows scale and offset, the units are the mapping's own
        assertEquals("°F", read(EP, 3303, 1, 5701));
        assertEquals(32.0, (Double) read(EP, 3303, 1, 5603), 1e-9);
        assertEquals(932.0, (Double) read(EP, 3303, 1, 5604), 1e-9);
        // a variable without the properties has no units or range
        var none = leshan.send(EP, new ReadRequest(ContentFormat.TEXT, 3346, 0, 5701), TIMEOUT);
        assertEquals(none.toString(), ResponseCode.NOT_FOUND, none.getCode());
        // an instance read includes them
        var instance = leshan.send(EP, new ReadRequest(ContentFormat.SENML_JSON, 3303, 0), TIMEOUT);
        assertTrue(instance.toString(), instance.isSuccess());
        var resources = ((org.eclipse.leshan.core.node.LwM2mObjectInstance) instance.getContent()).getResources();
        assertEquals("°C", resources.get(5701).getValue());
        assertEquals(500.0, resources.get(5604).getValue());
    }

    @Test
    public void autoBrowseOfTheObjectsFolderSkipsTheStandardNamespaceUnlessAsked() throws Exception {
        Map<String, Object> plain = settings("endpoint.name", "shopfloor-objects", "browse.folder", "i=85");
        plain.put("mappings", new String[0]);
        plain.put("browse.object.id.start", 32100);
        OpcUaStack.configureServer(configurationAdmin, "objects", plain);
        // Objects holds the simulator's Conveyor1 beside the standard Server and Aliases objects
        await("the conveyor's type is generated from the Objects folder", () -> modelNamed(32100, "ConveyorType"));
        for (int id = 32101; id < 32110; id++) {
            assertEquals("object " + id + " generated from the Objects folder (only ConveyorType expected)", null, models(id));
        }

        Map<String, Object> standard = settings("endpoint.name", "shopfloor-standard", "browse.folder", "i=85",
                "browse.include.standard", "true");
        standard.put("mappings", new String[0]);
        standard.put("browse.object.id.start", 32200);
        OpcUaStack.configureServer(configurationAdmin, "standard", standard);
        await("with browse.include.standard=true the Server object's type is generated", () -> {
            for (int id = 32200; id < 32210; id++) {
                if (modelNamed(id, "ServerType")) {
                    return true;
                }
            }
            return false;
        });
    }

    private List<Long> errorCodes(String endpoint) throws Exception {
        ReadResponse r = leshan.send(endpoint, new ReadRequest(ContentFormat.SENML_JSON, 3, 0, 11), TIMEOUT);
        assertTrue("3/0/11: " + r, r.isSuccess());
        return errorCodeValues(r);
    }

    private List<Long> errorCodesOrEmpty(String endpoint) {
        try {
            ReadResponse r = leshan.send(endpoint, new ReadRequest(ContentFormat.SENML_JSON, 3, 0, 11), TIMEOUT);
            return r.isSuccess() ? errorCodeValues(r) : List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<Long> errorCodeValues(ReadResponse r) {
        return ((LwM2mMultipleResource) r.getContent()).getInstances().values().stream().map(i -> (Long) i.getValue()).toList();
    }

    private io.lightgate.api.model.ObjectModel models(int id) {
        ServiceReference<io.lightgate.api.model.ModelRepository> ref = context.getServiceReference(io.lightgate.api.model.ModelRepository.class);
        return context.getService(ref).model(id).orElse(null);
    }

    private boolean modelNamed(int id, String name) {
        io.lightgate.api.model.ObjectModel m = models(id);
        return m != null && m.name().equals(name);
    }

    private static ObjectModel toLeshan(io.lightgate.api.model.ObjectModel m) {
        List<org.eclipse.leshan.core.model.ResourceModel> resources = new ArrayList<>();
        for (io.lightgate.api.model.ResourceModel r : m.resources().values()) {
            org.eclipse.leshan.core.model.ResourceModel.Type type = r.type() == io.lightgate.api.ResourceType.CORELNK
                    ? org.eclipse.leshan.core.model.ResourceModel.Type.CORELINK
                    : org.eclipse.leshan.core.model.ResourceModel.Type.valueOf(r.type().name());
            resources.add(new org.eclipse.leshan.core.model.ResourceModel(r.id(), r.name(),
                    org.eclipse.leshan.core.model.ResourceModel.Operations.valueOf(r.operations().name()), r.multiple(),
                    r.mandatory(), type, r.range(), r.units(), r.description()));
        }
        return new ObjectModel(m.id(), m.name(), m.description(), m.version(), m.multiple(), m.mandatory(), resources);
    }

    /** A Double variable read straight from the OPC UA server, NaN when the read fails. */
    private double opcUaDouble(String nodeId) {
        try {
            return ((Number) OpcUaStack.readValue(milo, nodeId)).doubleValue();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private Object safeRead(int o, int i, int r) {
        try {
            ReadResponse response = leshan.send(EP, new ReadRequest(ContentFormat.TEXT, o, i, r), TIMEOUT);
            return response.isSuccess() ? ((LwM2mSingleResource) response.getContent()).getValue() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private OpcUaServerStatus status(String endpoint) {
        try {
            for (ServiceReference<OpcUaServerStatus> ref : context.getServiceReferences(OpcUaServerStatus.class, null)) {
                OpcUaServerStatus s = context.getService(ref);
                if (s != null && endpoint.equals(s.endpointName())) {
                    return s;
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
