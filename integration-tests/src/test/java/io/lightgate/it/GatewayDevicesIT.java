/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
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
import org.osgi.framework.ServiceRegistration;

/**
 * An OPC UA server behind the gateway's registration (LwM2M Gateway object 25, exposure=gateway),
 * driven through its prefix by a real Leshan 2.0.0-M15 server as plain CoAP from Leshan's socket
 * (Leshan has no API for prefixed paths, see {@link RawCoap}): Discover, Write, Write-Attributes,
 * Execute and Reboot; and store-and-forward of its notifications while the server is unreachable
 * (the network between gateway and server cut by a relay on loopback).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class GatewayDevicesIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String EP = "urn:lightgate:simulator:shopfloor";
    private static final String SETPOINT_NODE = "ns=2;s=Motor1/SpeedSetpoint";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path FOLDER = testFolder("gateway-devices");

    private final AtomicBoolean cut = new AtomicBoolean();
    private TestLeshanServer leshan;
    private LossyUdpRelay relay;
    private EngineSupport engine;
    private String url;
    private int port;
    private OpcUaClient milo;
    private ServiceRegistration<?> extra;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(FOLDER), Lwm2mStack.withEngine(), OpcUaStack.milo(false), OpcUaStack.simulator(),
                OpcUaStack.adapter(), org.ops4j.pax.exam.CoreOptions.bundle(jar("dlms").toURI().toString()).startLevel(15),
                org.ops4j.pax.exam.CoreOptions.bundle(jar("dlmsadapter").toURI().toString()).startLevel(15),
                org.ops4j.pax.exam.CoreOptions.bundle(jar("dlmssim").toURI().toString()).startLevel(15));
    }

    @Before
    public void setUp() throws Exception {
        leshan = TestLeshanServer.builder().name("leshan").models(OpcUaAdapterIT.models()).start();
        relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", leshan.uri().getPort()), (direction, payload) -> cut.get());
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("leshan", relay.uri("coap"), 1);
        port = OpcUaStack.freePort();
        url = OpcUaStack.startSimulator(configurationAdmin, port, FOLDER.resolve("simulator-pki").toString());
        awaitListening();
        milo = OpcUaStack.client(url);
        Map<String, Object> s = new HashMap<>();
        s.put("endpoint.url", url);
        s.put("mappings", OpcUaAdapterIT.MAPPINGS);
        s.put("trust.all.servers", true);
        s.put("pki.dir", FOLDER.resolve("gateway-pki").toString());
        s.put("sampling.interval.ms", 50.0);
        s.put("publishing.interval.ms", 100.0);
        s.put("reconnect.min.ms", 200L);
        s.put("reconnect.max.ms", 1000L);
        s.put("exposure", "gateway");
        OpcUaStack.configureServer(configurationAdmin, "shopfloor", s);
        assertNotNull(leshan.awaitRegistration(GW, WAIT));
        leshan.awaitUpdate(GW, TestLeshanServer.hasInstance(25, 0), WAIT);
    }

    @After
    public void tearDown() throws Exception {
        if (extra != null) {
            unregister(extra);
        }
        if (milo != null) {
            milo.disconnect();
        }
        engine.deleteAll();
        for (String pid : List.of("io.lightgate.adapter.opcua.server", "io.lightgate.adapter.dlms.meter", "io.lightgate.simulator.dlms")) {
            var configs = configurationAdmin.listConfigurations("(service.factoryPid=" + pid + ")");
            for (var c : configs == null ? new org.osgi.service.cm.Configuration[0] : configs) {
                c.delete();
            }
        }
        OpcUaStack.stopSimulator(configurationAdmin);
        relay.close();
        leshan.destroy();
    }

    @Test
    public void discoverWriteWriteAttributesExecuteAndRebootThroughThePrefix() throws Exception {
        String prefix = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
        await("a setpoint through the prefix", () -> {
            try {
                return raw(CoAP.Code.GET, prefix + "/3308/2/5900", 0, -1, null).getCode() == CoAP.ResponseCode.CONTENT;
            } catch (Exception e) {
                return false;
            }
        });

        // Discover: the device's links as the server addresses them, under the prefix
        String links = discover(prefix + "/3308");
        assertTrue(links, links.startsWith("</" + prefix + "/3308>") && links.contains("</" + prefix + "/3308/2/5900>"));
        assertTrue("no link without the prefix: " + links, !links.contains("</3308"));

        // Write: an OPC UA Write of the node
        Response write = raw(CoAP.Code.PUT, prefix + "/3308/2/5900", -1, MediaTypeRegistry.TEXT_PLAIN, "1300");
        assertEquals(write.toString(), CoAP.ResponseCode.CHANGED, write.getCode());
        assertEquals(1300.0, ((Number) OpcUaStack.readValue(milo, SETPOINT_NODE)).doubleValue(), 0.0);
        assertEquals(1300.0, Double.parseDouble(RawCoap.text(leshan, GW, prefix + "/3308/2/5900", TIMEOUT)), 0.0);

        // Write-Attributes: periods, thresholds and a step of 50; Discover shows them on the prefixed link
        Response attributes = raw(CoAP.Code.PUT, prefix + "/3308/2/5900?pmin=1&pmax=60&gt=1900&lt=1000&st=50", -1, -1, null);
        assertEquals(attributes.toString(), CoAP.ResponseCode.CHANGED, attributes.getCode());
        String withAttributes = discover(prefix + "/3308/2");
        String link = java.util.Arrays.stream(withAttributes.split(",(?=<)")).filter(l -> l.startsWith("</" + prefix + "/3308/2/5900>"))
                .findFirst().orElseThrow(() -> new AssertionError(withAttributes));
        for (String a : List.of("pmin=1", "pmax=60", "gt=1900", "lt=1000", "st=50")) {
            assertTrue(a + " in " + link, java.util.Arrays.asList(link.split(";")).stream().anyMatch(x -> x.startsWith(a)));
        }

        // Observe with them: a change of 10 (within the thresholds) is not notified, one of 100 is
        Response first = raw(CoAP.Code.GET, prefix + "/3308/2/5900", 0, -1, null, new ObserveRequest(ContentFormat.TEXT, 3308, 2, 5900));
        assertEquals(first.toString(), CoAP.ResponseCode.CONTENT, first.getCode());
        setpoint(1310);
        setpoint(1400);
        awaitNotified(1400.0, "the change of 100 is notified");
        assertTrue("a change below the step is not notified: " + notified(), !notified().contains(1310.0));

        // Execute: Reset of the counter (an OPC UA method call)
        Response reset = raw(CoAP.Code.POST, prefix + "/3200/0/5505", -1, -1, null);
        assertEquals(reset.toString(), CoAP.ResponseCode.CHANGED, reset.getCode());
        long count = Long.parseLong(RawCoap.text(leshan, GW, prefix + "/3200/0/5501", TIMEOUT));
        assertTrue("the counter was reset: " + count, count < 5);

        // Reboot of the device's Device object: the adapter's Reboot (the OPC UA session connects anew), not the gateway's
        OpcUaServerStatus before = status();
        java.time.Instant since = before.since();
        Response reboot = raw(CoAP.Code.POST, prefix + "/3/0/4", -1, -1, null);
        assertEquals(reboot.toString(), CoAP.ResponseCode.CHANGED, reboot.getCode());
        await("Reboot reconnected the OPC UA session", () -> {
            OpcUaServerStatus s = status();
            return s.state() == OpcUaServerStatus.State.CONNECTED && s.since().isAfter(since);
        });
        assertEquals("the gateway did not register again: " + leshan.events(GW), 1,
                leshan.events(GW).stream().filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count());
    }

    @Test
    public void valuesChangedWhileTheServerIsUnreachableAreForwardedInOrderUnderThePrefix() throws Exception {
        leshan.recordRawSends();
        String prefix = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
        await("a setpoint through the prefix", () -> {
            try {
                return raw(CoAP.Code.GET, prefix + "/3308/2/5900", 0, -1, null).getCode() == CoAP.ResponseCode.CONTENT;
            } catch (Exception e) {
                return false;
            }
        });
        Response first = raw(CoAP.Code.GET, prefix + "/3308/2/5900", 0, -1, null, new ObserveRequest(ContentFormat.TEXT, 3308, 2, 5900));
        assertEquals(first.toString(), CoAP.ResponseCode.CONTENT, first.getCode());
        setpoint(1001);
        awaitNotified(1001.0, "a live notification");

        // the network is cut; the gateway finds out by an Update that goes unanswered (its tree changes)
        cut.set(true);
        List<Double> outage = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            outage.add(1500.0 + i);
            setpoint(1500 + i);
        }
        extra = context.registerService(LwM2mObject.class, new SimpleObject(SimpleInstance.builder(0).integer(2, () -> -70L).build()),
                props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        await("the gateway retried its unanswered Update (it knows the server is unreachable)", () -> droppedPostMessageIds() >= 2);
        for (int i = 6; i <= 10; i++) {
            outage.add(1500.0 + i);
            setpoint(1500 + i);
        }
        cut.set(false);

        // forwarded by Send once the server takes the Update, named under the prefix, in order, before live values
        await("every value changed during the outage is forwarded", () -> forwarded(prefix).containsAll(outage));
        List<Double> forwarded = forwarded(prefix);
        assertEquals("in order: " + forwarded, outage, forwarded.stream().filter(outage::contains).distinct().toList());
        assertTrue("every name under the prefix: " + leshan.rawSent(),
                leshan.rawSent().stream().allMatch(v -> v.name().equals("/" + prefix + "/3308/2/5900")));
        assertTrue("the values were not notified live: " + notified(), outage.stream().noneMatch(notified()::contains));

        // then the same observation notifies live again
        setpoint(1801);
        awaitNotified(1801.0, "a live notification on the same observation after the outage");
    }

    /**
     * With two servers, a request through a device's prefix is checked against the Access Control instances
     * configured for the device's endpoint name (etc/io.lightgate.lwm2m.acl.cfg), not the gateway's.
     */
    @Test
    public void requestsThroughThePrefixAreCheckedAgainstTheDevicesAccessControl() throws Exception {
        org.osgi.service.cm.Configuration acl = configurationAdmin.getConfiguration("io.lightgate.lwm2m.acl", "?");
        acl.update(new java.util.Hashtable<>(Map.of("entries", new String[] { EP + " 3308/2 1=R 2=RW" })));
        TestLeshanServer b = TestLeshanServer.builder().name("B").models(OpcUaAdapterIT.models()).start();
        try {
            engine.addServer("b", b.uri(), 2);
            assertNotNull(b.awaitRegistration(GW, WAIT));
            String prefix = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
            String setpoint = prefix + "/3308/2/5900";
            await("server 1 may read the setpoint", () -> {
                try {
                    return raw(CoAP.Code.GET, setpoint, 0, -1, null).getCode() == CoAP.ResponseCode.CONTENT;
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals("server 1 may not write it", CoAP.ResponseCode.UNAUTHORIZED,
                    raw(CoAP.Code.PUT, setpoint, -1, MediaTypeRegistry.TEXT_PLAIN, "1350").getCode());
            Response byB = RawCoap.send(b, GW, CoAP.Code.PUT, setpoint, -1, null, TIMEOUT, request -> {
                request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
                request.setPayload("1350");
            });
            assertEquals("server 2 may write it: " + byB, CoAP.ResponseCode.CHANGED, byB.getCode());
            assertEquals(1350.0, ((Number) OpcUaStack.readValue(milo, SETPOINT_NODE)).doubleValue(), 0.0);
            // the gateway's own objects have no entries: open to both servers (the default without entries)
            assertEquals(CoAP.ResponseCode.CONTENT, RawCoap.send(b, GW, CoAP.Code.GET, "3/0/0", 0, null, TIMEOUT).getCode());
        } finally {
            acl.delete();
            b.destroy();
        }
    }

    // ---- composite operations across prefixes (FETCH / iPATCH on the gateway's root) --------------------

    /**
     * Read-Composite of a path of the gateway's own and paths of two devices behind it (the OPC UA server and a
     * DLMS meter, each by its prefix): one answer with every value, each device's names under its prefix; in SenML
     * JSON and CBOR. A prefix nobody has fails the request with 4.04 (not a silent partial answer).
     */
    @Test
    public void readCompositeAcrossTheGatewayAndTwoDevicePrefixesAnswersEveryValueUnderItsPrefix() throws Exception {
        String opc = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
        String meter = meterBehindTheGateway();
        awaitReadable(opc + "/3308/2/5900");
        String manufacturer = RawCoap.text(leshan, GW, "3/0/0", TIMEOUT);
        double setpoint = Double.parseDouble(RawCoap.text(leshan, GW, opc + "/3308/2/5900", TIMEOUT));
        for (int format : List.of(MediaTypeRegistry.APPLICATION_SENML_JSON, MediaTypeRegistry.APPLICATION_SENML_CBOR)) {
            Response r = composite(CoAP.Code.FETCH, format, List.of(Map.of("n", "/3/0/0"), Map.of("n", "/" + opc + "/3308/2/5900"),
                    Map.of("bn", "/" + meter + "/10242/0/", "n", "4"), Map.of("bn", "/" + meter + "/3/0/2")), null);
            assertEquals(r.toString(), CoAP.ResponseCode.CONTENT, r.getCode());
            assertEquals(format, r.getOptions().getContentFormat());
            Map<String, Object> values = senml(r);
            assertEquals(values.toString(), Set.of("/3/0/0", "/" + opc + "/3308/2/5900", "/" + meter + "/10242/0/4", "/" + meter + "/3/0/2"),
                    values.keySet());
            assertEquals(manufacturer, values.get("/3/0/0"));
            assertEquals(setpoint, ((Number) values.get("/" + opc + "/3308/2/5900")).doubleValue(), 0.0);
            double volts = ((Number) values.get("/" + meter + "/10242/0/4")).doubleValue();
            assertTrue("L1 voltage " + volts, volts > 200 && volts < 260);
            assertEquals("the meter's serial", "IT-0001", values.get("/" + meter + "/3/0/2"));
        }
        Response unknown = composite(CoAP.Code.FETCH, MediaTypeRegistry.APPLICATION_SENML_JSON,
                List.of(Map.of("n", "/3/0/0"), Map.of("n", "/nobody/3/0/0")), null);
        assertEquals(unknown.toString(), CoAP.ResponseCode.NOT_FOUND, unknown.getCode());

        // a Read through a prefix in LwM2M JSON names its entries under the prefix too
        Response json = raw(CoAP.Code.GET, opc + "/3308/2", ContentFormat.JSON.getCode(), -1, null);
        assertEquals(json.toString(), CoAP.ResponseCode.CONTENT, json.getCode());
        assertTrue(json.getPayloadString(), json.getPayloadString().contains("\"bn\":\"/" + opc + "/3308/2/\""));
    }

    /** Write-Composite of the device's setpoint (and its Device object's time zone) through its prefix, then a Read-Composite answers them. */
    @Test
    public void writeCompositeThroughAPrefixThenReadCompositeAnswersTheWrittenValue() throws Exception {
        String opc = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
        awaitReadable(opc + "/3308/2/5900");
        Response write = composite(CoAP.Code.IPATCH, MediaTypeRegistry.APPLICATION_SENML_JSON,
                List.of(Map.of("n", "/" + opc + "/3308/2/5900", "v", 1234)), null);
        assertEquals(write.toString(), CoAP.ResponseCode.CHANGED, write.getCode());
        assertEquals(1234.0, ((Number) OpcUaStack.readValue(milo, SETPOINT_NODE)).doubleValue(), 0.0);
        Response read = composite(CoAP.Code.FETCH, MediaTypeRegistry.APPLICATION_SENML_CBOR,
                List.of(Map.of("n", "/" + opc + "/3308/2/5900"), Map.of("n", "/3/0/0")), null);
        assertEquals(read.toString(), CoAP.ResponseCode.CONTENT, read.getCode());
        assertEquals(1234.0, ((Number) senml(read).get("/" + opc + "/3308/2/5900")).doubleValue(), 0.0);
        // a prefix nobody has: nothing is written, 4.04
        Response unknown = composite(CoAP.Code.IPATCH, MediaTypeRegistry.APPLICATION_SENML_JSON,
                List.of(Map.of("n", "/" + opc + "/3308/2/5900", "v", 1250), Map.of("n", "/nobody/3308/2/5900", "v", 1)), null);
        assertEquals(unknown.toString(), CoAP.ResponseCode.NOT_FOUND, unknown.getCode());
        assertEquals(1234.0, ((Number) OpcUaStack.readValue(milo, SETPOINT_NODE)).doubleValue(), 0.0);
    }

    /** Observe-Composite of a gateway path and a device path: a change of the device's value is notified, under its prefix. */
    @Test
    public void observeCompositeNotifiesWhenADeviceValueChanges() throws Exception {
        String opc = RawCoap.text(leshan, GW, "25/0/1", TIMEOUT);
        awaitReadable(opc + "/3308/2/5900");
        setpoint(1100);
        List<Response> received = java.util.Collections.synchronizedList(new ArrayList<>());
        var interceptor = new org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter() {
            @Override
            public void receiveResponse(Response response) {
                received.add(response);
            }
        };
        var coap = ((org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint) leshan.server()
                .getEndpoint(org.eclipse.leshan.core.endpoint.Protocol.COAP)).getCoapEndpoint();
        coap.addInterceptor(interceptor);
        try {
            String name = "/" + opc + "/3308/2/5900";
            Response first = composite(CoAP.Code.FETCH, MediaTypeRegistry.APPLICATION_SENML_JSON,
                    List.of(Map.of("n", "/3/0/0"), Map.of("n", name)), request -> {
                        request.getOptions().setObserve(0);
                        // Leshan keeps the observation (it cannot decode the prefixed names; the test reads the raw notifications)
                        request.setUserContext(org.eclipse.leshan.core.californium.ObserveUtil.createCoapObserveCompositeRequestContext(GW,
                                leshan.registration(GW).getId(), new org.eclipse.leshan.core.request.ObserveCompositeRequest(
                                        ContentFormat.SENML_JSON, ContentFormat.SENML_JSON, "/3/0/0")));
                    });
            assertEquals(first.toString(), CoAP.ResponseCode.CONTENT, first.getCode());
            assertTrue("an observation: " + first, first.getOptions().hasObserve());
            assertEquals(1100.0, ((Number) senml(first).get(name)).doubleValue(), 0.0);
            setpoint(1700);
            await("a notification of the Observe-Composite carries the device's new value under its prefix", () -> {
                synchronized (received) {
                    return received.stream().filter(n -> n != first && n.getToken().equals(first.getToken()) && n.getOptions().hasObserve())
                            .anyMatch(n -> {
                                Map<String, Object> v = senml(n);
                                return v.get(name) instanceof Number x && x.doubleValue() == 1700.0 && v.containsKey("/3/0/0");
                            });
                }
            });
        } finally {
            coap.removeInterceptor(interceptor);
        }
    }

    /** A DLMS meter behind the gateway (exposure = gateway), answering: its prefix. */
    private String meterBehindTheGateway() throws Exception {
        int dlmsPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dlmsPort = s.getLocalPort();
        }
        var sim = configurationAdmin.getFactoryConfiguration("io.lightgate.simulator.dlms", "gw", "?");
        sim.update(new java.util.Hashtable<>(Map.of("port", dlmsPort, "transport", "wrapper", "serial", "IT-0001", "capture.period", 60,
                "profile.entries", 48)));
        var meter = configurationAdmin.getFactoryConfiguration("io.lightgate.adapter.dlms.meter", "gw", "?");
        Map<String, Object> p = new HashMap<>(Map.of("host", "127.0.0.1", "port", dlmsPort, "transport", "wrapper", "endpoint", "meter-1",
                "polling.interval", 1, "max.age", 1, "response.timeout", 2000, "energy.objects", true, "exposure", "gateway"));
        meter.update(new java.util.Hashtable<>(p));
        leshan.awaitUpdate(GW, TestLeshanServer.hasInstance(25, 1), WAIT);
        String prefix = RawCoap.text(leshan, GW, "25/1/1", TIMEOUT);
        awaitReadable(prefix + "/10242/0/4");
        return prefix;
    }

    private void awaitReadable(String path) throws InterruptedException {
        await(path + " answers through its prefix", () -> {
            try {
                return raw(CoAP.Code.GET, path, 0, -1, null).getCode() == CoAP.ResponseCode.CONTENT;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** A composite request on the gateway's root: {@code records} as a SenML pack in {@code format}, answered in it. */
    private Response composite(CoAP.Code code, int format, List<Map<String, Object>> records, java.util.function.Consumer<Request> more)
            throws Exception {
        List<org.eclipse.leshan.senml.SenMLRecord> pack = new ArrayList<>();
        for (Map<String, Object> r : records) {
            var record = new org.eclipse.leshan.senml.SenMLRecord();
            record.setBaseName((String) r.get("bn"));
            record.setName((String) r.get("n"));
            if (r.get("v") instanceof Number v) {
                record.setNumberValue(v);
            }
            pack.add(record);
        }
        byte[] payload = format == MediaTypeRegistry.APPLICATION_SENML_CBOR
                ? new org.eclipse.leshan.senml.cbor.upokecenter.SenMLCborUpokecenterEncoderDecoder(true, true).toSenML(new org.eclipse.leshan.senml.SenMLPack(pack))
                : new org.eclipse.leshan.senml.json.jackson.SenMLJsonJacksonEncoderDecoder(true).toSenML(new org.eclipse.leshan.senml.SenMLPack(pack));
        return RawCoap.send(leshan, GW, code, "", code == CoAP.Code.FETCH ? format : -1, null, TIMEOUT, request -> {
            request.getOptions().clearUriPath(); // the root, "/" (not one empty segment)
            request.getOptions().setContentFormat(format);
            request.setPayload(payload);
            if (more != null) {
                more.accept(request);
            }
        });
    }

    /** The values of a SenML answer by resolved name (base name + name). */
    private static Map<String, Object> senml(Response r) {
        try {
            org.eclipse.leshan.senml.SenMLPack pack = r.getOptions().getContentFormat() == MediaTypeRegistry.APPLICATION_SENML_CBOR
                    ? new org.eclipse.leshan.senml.cbor.upokecenter.SenMLCborUpokecenterEncoderDecoder().fromSenML(r.getPayload())
                    : new org.eclipse.leshan.senml.json.jackson.SenMLJsonJacksonEncoderDecoder().fromSenML(r.getPayload());
            var resolver = new org.eclipse.leshan.senml.SenMLResolver<org.eclipse.leshan.senml.ResolvedSenMLRecord>() {
                @Override
                protected org.eclipse.leshan.senml.ResolvedSenMLRecord createResolvedRecord(org.eclipse.leshan.senml.SenMLRecord record,
                        String name, java.math.BigDecimal time) {
                    return new org.eclipse.leshan.senml.ResolvedSenMLRecord(record, name, time);
                }
            };
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            for (org.eclipse.leshan.senml.SenMLRecord record : pack.getRecords()) {
                values.put(resolver.resolve(record).getName(), record.getResourceValue());
            }
            return values;
        } catch (org.eclipse.leshan.senml.SenMLException e) {
            throw new AssertionError("not SenML: " + r, e);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void setpoint(double rpm) throws Exception {
        var status = milo.writeValues(List.of(NodeId.parse(SETPOINT_NODE)), List.of(DataValue.valueOnly(Variant.ofDouble(rpm))));
        assertTrue(status.toString(), status.get(0).isGood());
        // the next write only once the adapter has it from its subscription: each value is a change of its own
        // (written faster than the sampling interval, the OPC UA server would sample only the last)
        await("the setpoint " + rpm + " reached the gateway's registry", () -> {
            try {
                return registry.readResource(EP, io.lightgate.api.LwM2mPath.of(3308, 2, 5900)).toCompletableFuture()
                        .get(5, java.util.concurrent.TimeUnit.SECONDS).value().asDouble() == rpm;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void awaitNotified(double value, String what) throws InterruptedException {
        if (!holdsWithin(WAIT, () -> notified().contains(value))) {
            throw new AssertionError("Timed out waiting for " + what + " (" + value + "): notified " + leshan.notifications(GW, "/3308/2/5900"));
        }
    }

    /** Values notified on the observation of /prefix/3308/2/5900 (Leshan files them under its request's path). */
    private List<Double> notified() {
        List<Double> values = new ArrayList<>();
        for (TestLeshanServer.Notification n : leshan.notifications(GW, "/3308/2/5900")) {
            // Leshan decodes the text payload without the model for a prefixed path: a number as text
            values.add(Double.parseDouble(String.valueOf(n.value())));
        }
        return values;
    }

    /** Values of /prefix/3308/2/5900 forwarded by Send, in arrival order. */
    private List<Double> forwarded(String prefix) {
        return leshan.rawSent().stream().filter(v -> v.name().equals("/" + prefix + "/3308/2/5900") && v.value() instanceof Number)
                .map(v -> ((Number) v.value()).doubleValue()).toList();
    }

    /** Distinct message ids of the POSTs (Registration Updates) the relay dropped toward the server. */
    private int droppedPostMessageIds() {
        Set<Integer> ids = new HashSet<>();
        for (LossyUdpRelay.Datagram d : relay.seen()) {
            byte[] p = d.payload();
            if (d.dropped() && d.direction() == LossyUdpRelay.Direction.TO_SERVER && p.length >= 4 && p[1] == 0x02) {
                ids.add(((p[2] & 0xff) << 8) | (p[3] & 0xff));
            }
        }
        return ids.size();
    }

    private String discover(String path) throws Exception {
        Response r = raw(CoAP.Code.GET, path, MediaTypeRegistry.APPLICATION_LINK_FORMAT, -1, null);
        assertEquals(r.toString(), CoAP.ResponseCode.CONTENT, r.getCode());
        return r.getPayloadString();
    }

    private Response raw(CoAP.Code code, String pathAndQuery, int accept, int contentFormat, String payload) throws Exception {
        return raw(code, pathAndQuery, accept, contentFormat, payload, null);
    }

    private Response raw(CoAP.Code code, String pathAndQuery, int accept, int contentFormat, String payload, ObserveRequest observe)
            throws Exception {
        return RawCoap.send(leshan, GW, code, pathAndQuery, accept, observe, TIMEOUT, request -> {
            if (contentFormat >= 0) {
                request.getOptions().setContentFormat(contentFormat);
            }
            if (payload != null) {
                request.setPayload(payload.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private OpcUaServerStatus status() {
        try {
            for (ServiceReference<OpcUaServerStatus> ref : context.getServiceReferences(OpcUaServerStatus.class, null)) {
                OpcUaServerStatus s = context.getService(ref);
                if (s != null && EP.equals(s.endpointName())) {
                    return s;
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no OpcUaServerStatus for " + EP);
    }

    private void awaitListening() throws InterruptedException {
        if (!holdsWithin(Duration.ofSeconds(60), () -> listens(port))) {
            throw new AssertionError("the simulator does not listen on " + url);
        }
    }
}
