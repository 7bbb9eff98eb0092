/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * End to end: the DLMS meter simulator (a real DLMS server on a loopback TCP port) is read by
 * the DLMS adapter, whose virtual endpoint the engine registers with a real Leshan server;
 * the server reads and observes 3-Phase Power Meter (10242) resources, resets the energy
 * register through Energy (3331) Execute 5822, reads the load profile (26241), and gets 5.03
 * while the simulator is stopped and values again once it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class DlmsAdapterIT extends GatewayTestSupport {

    private static final String METER = "meter-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: only a failing request waits this long

    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
    private TestLeshanServer server;
    private EngineSupport engine;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("dlms")), Lwm2mStack.withEngine(),
                bundle(jar("dlms").toURI().toString()).startLevel(15), bundle(jar("dlmsadapter").toURI().toString()).startLevel(15),
                bundle(jar("dlmssim").toURI().toString()).startLevel(15));
    }

    @After
    public void tearDown() {
        for (org.osgi.service.cm.Configuration c : configurations) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
        if (engine != null) {
            engine.deleteAll();
        }
        if (server != null) {
            server.destroy();
        }
    }

    private static List<ObjectModel> models() throws Exception {
        List<ObjectModel> models = new ArrayList<>();
        for (String id : List.of("10242", "3305", "3331", "26241")) {
            try (InputStream in = DlmsAdapterIT.class.getResourceAsStream("/ddf/" + id + ".xml")) {
                models.addAll(ObjectLoader.loadDdfFile(in, id + ".xml", false));
            }
        }
        return models;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private org.osgi.service.cm.Configuration simulator(int port, String transport) throws IOException {
        return simulator("it", port, transport);
    }

    private org.osgi.service.cm.Configuration simulator(String name, int port, String transport) throws IOException {
        return simulator(name, port, transport, new Hashtable<>());
    }

    private org.osgi.service.cm.Configuration simulator(String name, int port, String transport, Hashtable<String, Object> p)
            throws IOException {
        org.osgi.service.cm.Configuration c = configurationAdmin.getFactoryConfiguration("io.lightgate.simulator.dlms", name, "?");
        p.put("port", port);
        p.put("transport", transport);
        p.put("serial", "IT-0001");
        p.put("capture.period", 60);
        p.put("profile.entries", 48);
        c.update(p);
        configurations.add(c);
        return c;
    }

    private void meter(int port, String transport) throws IOException {
        meter("it", port, transport, new Hashtable<>());
    }

    private void meter(String name, int port, String transport, Hashtable<String, Object> p) throws IOException {
        org.osgi.service.cm.Configuration c = configurationAdmin.getFactoryConfiguration("io.lightgate.adapter.dlms.meter", name, "?");
        p.put("host", "127.0.0.1");
        p.put("port", port);
        p.put("transport", transport);
        p.putIfAbsent("endpoint", METER);
        p.put("polling.interval", 1);
        p.put("max.age", 1);
        p.put("response.timeout", 2000);
        p.put("energy.objects", true);
        p.put("load.profile.entries", 4);
        if (transport.equals("hdlc")) {
            p.put("hdlc.max.info", 64); // small frames: segmented answers
            p.put("max.pdu.size", 256); // small PDUs: block transfer for the object list
        }
        c.update(p);
        configurations.add(c);
    }

    private ReadResponse read(int object, int instance, int resource) throws Exception {
        return server.send(METER, new ReadRequest(ContentFormat.TEXT, object, instance, resource), TIMEOUT);
    }

    private double readDouble(int object, int instance, int resource) throws Exception {
        ReadResponse r = read(object, instance, resource);
        assertTrue("/" + object + "/" + instance + "/" + resource + ": " + r, r.isSuccess());
        return ((Number) ((LwM2mSingleResource) r.getContent()).getValue()).doubleValue();
    }

    @Test
    public void aMisconfiguredMeterShowsFailedNamingTheSettingUntilItsConfigurationGoes() throws Exception {
        meter("broken", freePort(), "serial", new Hashtable<>());
        org.osgi.service.cm.Configuration broken = configurations.get(configurations.size() - 1);
        await("the meter's source says FAILED", () -> sourceIs(METER, io.lightgate.api.status.SourceState.FAILED));
        io.lightgate.api.status.SourceStatus s = source(METER);
        assertTrue(s.lastError(), s.lastError().contains("'transport'") && s.lastError().contains("serial"));
        assertEquals("io.lightgate.adapter.dlms.meter~broken", s.name());
        assertEquals("DLMS meter", s.kind());
        broken.delete();
        await("the failed source goes with its configuration", () -> source(METER) == null);
    }

    @Test
    public void wrapperMeterEndToEnd() throws Exception {
        endToEnd("wrapper");
    }

    @Test
    public void hdlcMeterEndToEnd() throws Exception {
        endToEnd("hdlc");
    }

    @Test
    public void metersAsInstancesUnderTheGatewayEndpoint() throws Exception {
        server = TestLeshanServer.builder().name("dlms").models(models()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("main", server.uri(), 1);
        for (int n = 0; n < 2; n++) {
            int port = freePort();
            simulator("gw" + n, port, "wrapper");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("gateway.instance", n);
            p.put("endpoint", "gw" + n); // only names the meter in logs here
            meter("gw" + n, port, "wrapper", p);
        }
        String gateway = "it-gateway";
        assertNotNull(server.awaitRegistration(gateway, WAIT));
        server.awaitUpdate(gateway, links -> links.stream().filter(l -> l.getUriReference().startsWith("/10242/")).count() >= 2
                && TestLeshanServer.objectIds(links).contains(3331), WAIT);
        for (int n = 0; n < 2; n++) {
            ReadResponse r = server.send(gateway, new ReadRequest(ContentFormat.TEXT, 10242, n, 4), TIMEOUT);
            assertTrue(r.toString(), r.isSuccess());
            double volts = ((Number) ((LwM2mSingleResource) r.getContent()).getValue()).doubleValue();
            assertTrue("meter " + n + " L1 voltage " + volts, volts > 200 && volts < 260);
            // 3331 instances 2n (import) and 2n+1 (export)
            assertTrue(server.send(gateway, new ReadRequest(ContentFormat.TEXT, 3331, 2 * n + 1, 5700), TIMEOUT).isSuccess());
        }
        assertTrue("no meter registers an endpoint of its own: " + server.allEvents(),
                server.allEvents().stream().allMatch(e -> e.endpoint().equals(gateway)));
        // the gateway's endpoint keeps its own Device object: the meters contribute none
        ReadResponse serial = server.send(gateway, new ReadRequest(ContentFormat.TEXT, 3, 0, 2), TIMEOUT);
        assertTrue(serial.toString(), serial.isSuccess());
        assertTrue("the gateway's serial, not a meter's: " + serial,
                !"IT-0001".equals(((LwM2mSingleResource) serial.getContent()).getValue()));
    }

    /**
     * exposure = gateway: the meter registers no endpoint of its own; the gateway's registration lists
     * an instance of the LwM2M Gateway object (25) for it, and the server reads and observes the meter
     * through its prefix (Leshan M15 has no object-25 API: raw CoAP from the server's own socket).
     */
    @Test
    public void meterBehindTheGatewayThroughObject25() throws Exception {
        int port = freePort();
        simulator(port, "wrapper");
        server = TestLeshanServer.builder().name("dlms").models(models()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("main", server.uri(), 1);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("exposure", "gateway");
        meter("it", port, "wrapper", p);

        String gateway = "it-gateway";
        assertNotNull(server.awaitRegistration(gateway, WAIT));
        server.awaitUpdate(gateway, TestLeshanServer.hasInstance(25, 0), WAIT);
        assertTrue("the meter does not register on its own: " + server.allEvents(),
                server.allEvents().stream().allMatch(e -> e.endpoint().equals(gateway)));
        List<String> links = server.registration(gateway).getObjectLinks() == null ? List.of()
                : java.util.Arrays.stream(server.registration(gateway).getObjectLinks()).map(l -> l.getUriReference()).toList();
        assertTrue("the gateway's registration lists /25/0: " + links, links.contains("/25/0"));
        assertTrue("the meter's objects are not in the gateway's registration: " + links, links.stream().noneMatch(l -> l.startsWith("/10242")));

        // object 25: the device id is the meter's endpoint name; its prefix addresses it
        assertEquals(METER, rawText(gateway, "25/0/0"));
        String prefix = rawText(gateway, "25/0/1");
        assertEquals("meter-1", prefix);
        String deviceObjects = rawText(gateway, "25/0/3");
        assertTrue(deviceObjects, deviceObjects.contains("</" + prefix + "/3/0>") && deviceObjects.contains("</" + prefix + "/10242/0>"));

        // the meter's values through the prefix
        await("the meter answered its first poll", () -> {
            try {
                return raw(gateway, CoAP.Code.GET, prefix + "/10242/0/4", 0, null).getCode() == CoAP.ResponseCode.CONTENT;
            } catch (Exception e) {
                return false;
            }
        });
        double volts = Double.parseDouble(rawText(gateway, prefix + "/10242/0/4"));
        assertTrue("L1 voltage " + volts, volts > 200 && volts < 260);
        assertEquals("IT-0001", rawText(gateway, prefix + "/10242/0/2"));
        Response device = raw(gateway, CoAP.Code.GET, prefix + "/3/0", ContentFormat.TLV.getCode(), null);
        assertEquals(device.toString(), CoAP.ResponseCode.CONTENT, device.getCode());
        assertEquals(ContentFormat.TLV.getCode(), device.getOptions().getContentFormat());
        assertTrue("the meter's Device object instance: " + device, device.getPayloadSize() > 0);
        assertEquals("the meter's serial, not the gateway's", "IT-0001", rawText(gateway, prefix + "/3/0/2"));
        // a prefix nobody has, and the gateway's own objects, answer as before
        assertEquals(CoAP.ResponseCode.NOT_FOUND, raw(gateway, CoAP.Code.GET, "nobody/3/0", 0, null).getCode());
        assertTrue(server.send(gateway, new ReadRequest(ContentFormat.TEXT, 3, 0, 2), TIMEOUT).isSuccess());

        // observe through the prefix: Leshan keeps the observation (path /10242/0/4 of the request's context) and gets notifications
        Response first = raw(gateway, CoAP.Code.GET, prefix + "/10242/0/4", 0, new ObserveRequest(ContentFormat.TEXT, 10242, 0, 4));
        assertEquals(first.toString(), CoAP.ResponseCode.CONTENT, first.getCode());
        List<TestLeshanServer.Notification> notified = server.awaitNotifications(gateway, "/10242/0/4", 2, WAIT);
        // Leshan decodes the text payload without the gateway's model for the prefixed path: a number as text
        double notifiedVolts = Double.parseDouble(String.valueOf(notified.get(notified.size() - 1).value()));
        assertTrue("notified L1 voltage " + notifiedVolts, notifiedVolts > 200 && notifiedVolts < 260);

        // Execute through the prefix: Reset Cumulative Energy (3331/0/5822) resets the meter's import register
        assertEquals(CoAP.ResponseCode.CHANGED, raw(gateway, CoAP.Code.POST, prefix + "/3331/0/5822", -1, null).getCode());
        await("energy reset through the prefix", () -> {
            try {
                return Double.parseDouble(rawText(gateway, prefix + "/3331/0/5700")) < 1.0;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });

        // the meter goes: the gateway's Update no longer lists its instance of 25, and its prefix answers 4.04
        configurations.stream().filter(c -> c.getFactoryPid().equals("io.lightgate.adapter.dlms.meter")).findFirst().orElseThrow().delete();
        server.awaitUpdate(gateway, l -> !TestLeshanServer.hasInstance(25, 0).test(l), WAIT);
        assertEquals(CoAP.ResponseCode.NOT_FOUND, raw(gateway, CoAP.Code.GET, prefix + "/10242/0/4", 0, null).getCode());
    }

    private String rawText(String gateway, String path) throws Exception {
        return RawCoap.text(server, gateway, path, TIMEOUT);
    }

    private Response raw(String gateway, CoAP.Code code, String path, int accept, ObserveRequest observe) throws Exception {
        return RawCoap.send(server, gateway, code, path, accept, observe, TIMEOUT);
    }

    private void endToEnd(String transport) throws Exception {
        int port = freePort();
        org.osgi.service.cm.Configuration sim = simulator(port, transport);
        server = TestLeshanServer.builder().name("dlms").models(models()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("main", server.uri(), 1);
        meter(port, transport);

        assertNotNull(server.awaitRegistration(METER, WAIT));
        // the endpoint registers once the meter answered: usually with every object, else an Update adds the rest
        await("every object in the registration", () -> TestLeshanServer.objectIds(List.of(server.registration(METER).getObjectLinks()))
                .containsAll(List.of(3, 10242, 3305, 3331, 26241)));

        // voltages around 230 V, energy in kWh with the meter's exact decimals (Wh, scaler 0: at most 3 decimals)
        double volts = readDouble(10242, 0, 4);
        assertTrue("L1 voltage " + volts, volts > 200 && volts < 260);
        assertTrue(readDouble(10242, 0, 24) > 200);
        double kwh = readDouble(10242, 0, 41);
        assertTrue("energy " + kwh + " kWh", kwh > 1000);
        assertTrue("no float artefacts: " + kwh, BigDecimal.valueOf(kwh).scale() <= 3);
        double kw = readDouble(10242, 0, 34);
        assertTrue("3-phase active power " + kw + " kW", kw > 1 && kw < 20);
        assertEquals("IT-0001", ((LwM2mSingleResource) read(10242, 0, 2).getContent()).getValue());
        assertEquals(50.0, readDouble(10242, 0, 49), 0.2);

        // observe: polling every second brings notifications with new voltages
        assertTrue(server.send(METER, new ObserveRequest(ContentFormat.TLV, 10242, 0, 4), TIMEOUT).isSuccess());
        server.awaitNotifications(METER, "/10242/0/4", 2, WAIT);

        // load profile: the newest 4 entries of the import energy column
        ReadResponse profile = server.send(METER, new ReadRequest(ContentFormat.SENML_JSON, 26241, 0, 4), TIMEOUT);
        assertTrue(profile.toString(), profile.isSuccess());
        assertEquals(4, ((LwM2mMultipleResource) profile.getContent()).getInstances().size());
        assertEquals("1.0.1.8.0.255", ((LwM2mSingleResource) read(26241, 0, 1).getContent()).getValue());

        // Execute 5822 on Energy (3331): the meter's import register is reset
        assertTrue(server.send(METER, new ExecuteRequest(3331, 0, 5822), TIMEOUT).isSuccess());
        await("energy reset", () -> {
            try {
                return readDouble(3331, 0, 5700) < 1.0;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });

        // the meter goes away: 5.03; it comes back: values again
        await("the source status says connected", () -> sourceIs(METER, io.lightgate.api.status.SourceState.CONNECTED));
        assertEquals("DLMS meter", source(METER).kind());
        assertEquals("127.0.0.1:" + port, source(METER).address());
        sim.delete(); // the simulator component stops and closes its connections
        await("5.03 while the meter is gone", () -> {
            try {
                return read(10242, 0, 4).getCode().getCode() == 503; // 5.03 Service Unavailable
            } catch (Exception e) {
                return false;
            }
        });
        // the SPI's status for consoles: disconnected, why and what to check, when the next poll tries again
        await("the source status says disconnected with a next poll", () -> {
            io.lightgate.api.status.SourceStatus s = source(METER);
            return s != null && s.state() == io.lightgate.api.status.SourceState.DISCONNECTED && s.retryAt() != null;
        });
        io.lightgate.api.status.SourceStatus gone = source(METER);
        assertTrue(gone.lastError(), gone.lastError().contains("does not answer") && gone.lastError().contains("check host, port"));
        simulator(port, transport);
        await("values after the meter is back", () -> {
            try {
                return read(10242, 0, 4).isSuccess();
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(readDouble(10242, 0, 14) > 200);
        await("the source status says connected again", () -> sourceIs(METER, io.lightgate.api.status.SourceState.CONNECTED));
        assertEquals(source(METER).toString(), 1, source(METER).reconnects());
    }

    /** The meter endpoint's Device object (3) tells the meter's identity and clock, not the gateway's defaults. */
    @Test
    public void deviceObjectFromTheMeter() throws Exception {
        int port = freePort();
        Hashtable<String, Object> sim = new Hashtable<>();
        sim.put("clock.offset", 3600L); // the meter's clock runs an hour ahead of the host's
        simulator("it", port, "wrapper", sim);
        server = TestLeshanServer.builder().name("dlms").models(models()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("main", server.uri(), 1);
        meter(port, "wrapper");
        assertNotNull(server.awaitRegistration(METER, WAIT));
        assertTrue(TestLeshanServer.objectIds(List.of(server.registration(METER).getObjectLinks())).contains(3));

        ReadResponse device = server.send(METER, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT);
        assertTrue(device.toString(), device.isSuccess());
        org.eclipse.leshan.core.node.LwM2mObjectInstance d = (org.eclipse.leshan.core.node.LwM2mObjectInstance) device.getContent();
        assertEquals("the FLAG id of the logical device name", "LGS", d.getResource(0).getValue());
        assertEquals("the logical device name", "LGSIT-0001", d.getResource(1).getValue());
        assertEquals("serial number 0.0.96.1.0.255", "IT-0001", d.getResource(2).getValue());
        assertEquals("active firmware identifier 1.0.0.2.0.255", "LG-SIM 1.2.0", d.getResource(3).getValue());
        assertEquals(0L, ((LwM2mMultipleResource) d.getResource(11)).getInstance(0).getValue());

        // Current Time follows the meter's clock (an hour ahead), not the host's
        ReadResponse time = read(3, 0, 13);
        assertTrue(time.toString(), time.isSuccess());
        java.time.Instant meterClock = java.time.Instant.now().plusSeconds(3600);
        java.time.Instant current = ((java.util.Date) ((LwM2mSingleResource) time.getContent()).getValue()).toInstant();
        assertTrue("Current Time " + current + ", the meter's clock about " + meterClock,
                Duration.between(current, meterClock).abs().compareTo(Duration.ofSeconds(5)) < 0);

        // Reboot: the adapter releases the association and associates again; values still flow
        assertTrue(server.send(METER, new ExecuteRequest(3, 0, 4), TIMEOUT).isSuccess());
        await("values after Reboot", () -> {
            try {
                return readDouble(10242, 0, 4) > 200;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    /**
     * A server that reads and observes inside its registration listener (as many do, once) gets
     * values, because the meter's endpoint registers only once the meter answered; the observation
     * then survives the meter going away and coming back: notifications resume on the same
     * observation, the server never observes again.
     */
    @Test
    public void observationMadeAtRegistrationSurvivesTheMeterGoingAway() throws Exception {
        int port = freePort();
        server = TestLeshanServer.builder().name("dlms").models(models()).start();
        java.util.concurrent.CompletableFuture<org.eclipse.leshan.core.response.ObserveResponse> observed = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<ReadResponse> serialRead = new java.util.concurrent.CompletableFuture<>();
        server.server().getRegistrationService().addListener(new org.eclipse.leshan.server.registration.RegistrationListener() {
            @Override
            public void registered(org.eclipse.leshan.server.registration.Registration reg,
                    org.eclipse.leshan.server.registration.Registration previous,
                    java.util.Collection<org.eclipse.leshan.core.observation.Observation> previousObservations) {
                if (!reg.getEndpoint().equals(METER)) {
                    return;
                }
                server.server().send(reg, new ReadRequest(ContentFormat.TEXT, 10242, 0, 2), TIMEOUT.toMillis(),
                        serialRead::complete, serialRead::completeExceptionally);
                server.server().send(reg, new ObserveRequest(ContentFormat.TLV, 10242, 0, 4), TIMEOUT.toMillis(),
                        observed::complete, observed::completeExceptionally);
            }

            @Override
            public void updated(org.eclipse.leshan.server.registration.RegistrationUpdate update,
                    org.eclipse.leshan.server.registration.Registration updated,
                    org.eclipse.leshan.server.registration.Registration previous) {
            }

            @Override
            public void unregistered(org.eclipse.leshan.server.registration.Registration reg,
                    java.util.Collection<org.eclipse.leshan.core.observation.Observation> observations, boolean expired,
                    org.eclipse.leshan.server.registration.Registration newReg) {
            }
        });
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("main", server.uri(), 1);

        // the meter is not there yet: a peer that accepts the connection and never answers
        try (ServerSocket silent = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout((int) WAIT.toMillis()); // bounded: fails the test if the adapter never connects
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("registration.wait", 60);
            meter("it", port, "wrapper", p);
            try (java.net.Socket first = silent.accept()) {
                assertNotNull(first);
            }
        }
        assertEquals("the endpoint waits for its meter's first answer: " + server.events(METER), List.of(), server.events(METER));
        org.osgi.service.cm.Configuration sim = simulator(port, "wrapper");

        assertNotNull(server.awaitRegistration(METER, WAIT));
        ReadResponse serial = serialRead.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("read inside the registration listener: " + serial, "IT-0001", ((LwM2mSingleResource) serial.getContent()).getValue());
        org.eclipse.leshan.core.response.ObserveResponse response = observed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertTrue("observe inside the registration listener: " + response, response.isSuccess());
        org.eclipse.leshan.core.observation.ObservationIdentifier observation = response.getObservation().getId();
        server.awaitNotifications(METER, "/10242/0/4", 2, WAIT);
        String registrationId = server.registration(METER).getId();

        // the meter goes away: reads answer 5.03, the Device object reports error 7, the observation stays
        sim.delete();
        await("5.03 while the meter is gone", () -> {
            try {
                return read(10242, 0, 4).getCode().getCode() == 503;
            } catch (Exception e) {
                return false;
            }
        });
        await("error code 7 (IP connectivity failure) while the meter is gone", () -> Long.valueOf(7).equals(errorCode()));
        int before = server.notifications(METER, "/10242/0/4").size();

        // it comes back: notifications resume on the same observation, the server observed only once
        simulator(port, "wrapper");
        List<TestLeshanServer.Notification> all = server.awaitNotifications(METER, "/10242/0/4", before + 2, WAIT);
        for (TestLeshanServer.Notification n : all.subList(before, all.size())) {
            assertEquals("notification on the observation made at registration", observation,
                    ((org.eclipse.leshan.core.response.ObserveResponse) n.response()).getObservation().getId());
            assertTrue("a value, not an error: " + n.response(), n.response().isSuccess());
        }
        org.eclipse.leshan.server.registration.Registration reg = server.registration(METER);
        assertEquals("no re-registration", registrationId, reg.getId());
        assertEquals("still exactly the one observation", List.of(observation),
                server.server().getObservationService().getObservations(reg).stream().map(o -> o.getId()).toList());
        await("error code back to 0", () -> Long.valueOf(0).equals(errorCode()));
    }

    private Long errorCode() {
        try {
            ReadResponse r = server.send(METER, new ReadRequest(ContentFormat.TLV, 3, 0, 11), TIMEOUT);
            return r.isSuccess() ? (Long) ((LwM2mMultipleResource) r.getContent()).getInstance(0).getValue() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
