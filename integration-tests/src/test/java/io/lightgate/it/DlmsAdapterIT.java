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
                bundle(jar("dlms").toURI().toString()).startLevel(15), bundle(jar("dlmssim").toURI().toString()).startLevel(15));
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
        org.osgi.service.cm.Configuration c = configurationAdmin.getFactoryConfiguration("io.lightgate.simulator.dlms", name, "?");
        Hashtable<String, Object> p = new Hashtable<>();
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
        server.awaitUpdate(METER, links -> TestLeshanServer.objectIds(links).containsAll(List.of(10242, 3305, 3331, 26241)), WAIT);

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
        sim.delete(); // the simulator component stops and closes its connections
        await("5.03 while the meter is gone", () -> {
            try {
                return read(10242, 0, 4).getCode().getCode() == 503; // 5.03 Service Unavailable
            } catch (Exception e) {
                return false;
            }
        });
        simulator(port, transport);
        await("values after the meter is back", () -> {
            try {
                return read(10242, 0, 4).isSuccess();
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(readDouble(10242, 0, 14) > 200);
    }
}
