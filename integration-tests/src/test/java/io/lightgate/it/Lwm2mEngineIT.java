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
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The LwM2M client engine against real Leshan 2.0.0-M15 servers in the same framework:
 * registration, device management in every format, errors, hot swap, virtual endpoints,
 * two servers, de-registration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class Lwm2mEngineIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: only a failing request waits this long

    private TestLeshanServer serverA;
    private EngineSupport engine;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("engine")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        simulateTemperature();
        serverA = TestLeshanServer.builder().name("A").models(EngineSupport.temperatureModel()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", serverA.uri(), 1);
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        serverA.destroy();
    }

    @Test
    public void registersAndAnswersReadsInEveryFormat() throws Exception {
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        assertTrue("Device in the object links", serverA.registration(GW).getSortedObjectLinks().length > 0);
        for (ContentFormat format : new ContentFormat[] { ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR,
                ContentFormat.JSON }) {
            ReadResponse r = serverA.send(GW, new ReadRequest(format, 3, 0), TIMEOUT);
            assertTrue(format + ": " + r, r.isSuccess());
            LwM2mObjectInstance device = (LwM2mObjectInstance) r.getContent();
            assertEquals(format.toString(), "Lightgate", device.getResource(0).getValue());
            assertEquals(format.toString(), "Gateway", device.getResource(17).getValue());
        }
        ReadResponse text = serverA.send(GW, new ReadRequest(ContentFormat.TEXT, 3, 0, 0), TIMEOUT);
        assertEquals("Lightgate", ((LwM2mSingleResource) text.getContent()).getValue());
        ReadResponse noAccept = serverA.send(GW, new ReadRequest(3, 0, 17), TIMEOUT);
        assertEquals("Gateway", ((LwM2mSingleResource) noAccept.getContent()).getValue());

        // the console shows the registration
        var processor = context.getService(context.getServiceReference(org.apache.felix.service.command.CommandProcessor.class));
        var out = new java.io.ByteArrayOutputStream();
        try (var print = new java.io.PrintStream(out, true, "UTF-8");
                var session = processor.createSession(new java.io.ByteArrayInputStream(new byte[0]), print, print)) {
            String table = String.valueOf(session.execute("lwm2m:registrations"));
            assertTrue(table, table.contains(GW) && table.contains(serverA.uri().toString()) && table.contains("REGISTERED")
                    && table.contains(serverA.registration(GW).getId()));
        }
    }

    @Test
    public void writeExecuteDiscoverAndErrorCodes() throws Exception {
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        context.installBundle(jar("sample").toURI().toString()).start();
        assertNotNull(serverA.awaitUpdate(GW, TestLeshanServer.hasObject(3303), WAIT));
        // Timezone (3/0/15) is writable: write, read back
        WriteResponse w = serverA.send(GW, new WriteRequest(ContentFormat.TEXT, 3, 0, 15, "Europe/Berlin"), TIMEOUT);
        assertTrue(w.toString(), w.isSuccess());
        ReadResponse tz = serverA.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 15), TIMEOUT);
        assertEquals("Europe/Berlin", ((LwM2mSingleResource) tz.getContent()).getValue());
        // an unknown zone is refused by the object: 4.00
        assertEquals(ResponseCode.BAD_REQUEST, serverA.send(GW, new WriteRequest(ContentFormat.TEXT, 3, 0, 15, "Mars/Olympus"), TIMEOUT).getCode());

        // Execute Reset Min/Max of the sample temperature
        ExecuteResponse x = serverA.send(GW, new ExecuteRequest("/3303/0/5605"), TIMEOUT);
        assertTrue(x.toString(), x.isSuccess());

        // Discover lists the instance's resources
        DiscoverResponse d = serverA.send(GW, new DiscoverRequest("/3"), TIMEOUT);
        assertTrue(d.toString(), d.isSuccess());
        String links = Arrays.toString(d.getObjectLinks());
        assertTrue(links, links.contains("/3/0/0") && links.contains("/3/0/17"));

        // errors
        assertEquals("not implemented", ResponseCode.NOT_FOUND, serverA.send(GW, new ReadRequest(3, 0, 9), TIMEOUT).getCode());
        assertEquals("no such object", ResponseCode.NOT_FOUND, serverA.send(GW, new ReadRequest(3304, 0), TIMEOUT).getCode());
        assertEquals("read-only", ResponseCode.METHOD_NOT_ALLOWED,
                serverA.send(GW, new WriteRequest(ContentFormat.TEXT, 3, 0, 0, "x"), TIMEOUT).getCode());
        assertEquals("not executable", ResponseCode.METHOD_NOT_ALLOWED, serverA.send(GW, new ExecuteRequest("/3/0/0"), TIMEOUT).getCode());
    }

    @Test
    public void hotSwapSendsUpdatesWithoutReRegistering() throws Exception {
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        Bundle sample = context.installBundle(jar("sample").toURI().toString());
        sample.start();
        assertNotNull(serverA.awaitUpdate(GW, TestLeshanServer.hasObject(3303), WAIT));
        ReadResponse r = serverA.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 3303, 0, 5700), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
        sample.uninstall();
        assertNotNull(serverA.awaitUpdate(GW, TestLeshanServer.lacksObject(3303), WAIT));
        long registrations = serverA.events(GW).stream().filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count();
        assertEquals("one registration, then updates only: " + serverA.events(GW), 1, registrations);
    }

    @Test
    public void virtualEndpointRegistersAndDeregisters() throws Exception {
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        VirtualEndpoint virtual = new VirtualEndpoint();
        virtual.register();
        assertNotNull(serverA.awaitRegistration("machine-7", WAIT));
        ReadResponse r = serverA.send("machine-7", new ReadRequest(ContentFormat.TEXT, 3, 0, 0), TIMEOUT);
        assertEquals("ACME", ((LwM2mSingleResource) r.getContent()).getValue());
        virtual.unregister();
        assertNotNull(serverA.awaitDeregistration("machine-7", WAIT));
        assertFalse("the gateway endpoint stays registered",
                serverA.events(GW).stream().anyMatch(e -> e.kind() == TestLeshanServer.Kind.DEREGISTERED));
    }

    @Test
    public void twoServersEachGetARegistrationAndBothSeeTheDeregistration() throws Exception {
        try (TestLeshanServer serverB = TestLeshanServer.builder().name("B").models(EngineSupport.temperatureModel()).start()) {
            engine.addServer("b", serverB.uri(), 2);
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertNotNull(serverB.awaitRegistration(GW, WAIT));
            assertTrue(serverB.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT).isSuccess());
            // stopping the engine de-registers from both
            Bundle engineBundle = installed("io.lightgate.lwm2m");
            engineBundle.stop();
            assertNotNull(serverA.awaitDeregistration(GW, WAIT));
            assertNotNull(serverB.awaitDeregistration(GW, WAIT));
            engineBundle.start();
        }
    }

    @Test
    public void anUnreachableServerDelaysNobody() throws Exception {
        int deadPort;
        try (var socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort(); // closed again: nobody answers there
        }
        engine.addServer("dead", java.net.URI.create("coap://127.0.0.1:" + deadPort), 3);
        try (TestLeshanServer serverB = TestLeshanServer.builder().name("B").models(EngineSupport.temperatureModel()).start()) {
            engine.addServer("b", serverB.uri(), 2);
            assertNotNull(serverB.awaitRegistration(GW, WAIT));
            assertNotNull(serverA.awaitRegistration(GW, WAIT));
            assertTrue(serverB.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
        }
    }

    /** A virtual endpoint with a Device object, as an adapter contributes it. */
    private final class VirtualEndpoint {
        private ServiceRegistration<EndpointDescriptor> endpoint;
        private ServiceRegistration<LwM2mObject> device;

        void register() {
            endpoint = context.registerService(EndpointDescriptor.class, new EndpointDescriptor("machine-7", Duration.ofSeconds(60), java.util.List.of()), null);
            device = context.registerService(LwM2mObject.class, new SimpleObject(SimpleInstance.builder(0).string(0, () -> "ACME").build()),
                    props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, "machine-7")));
        }

        void unregister() {
            unregister(device);
            unregister(endpoint);
        }

        private void unregister(ServiceRegistration<?> r) {
            GatewayTestSupport.unregister(r);
        }
    }

    @SuppressWarnings("unused")
    private static String describe(Link[] links) {
        return Arrays.toString(links);
    }
}
