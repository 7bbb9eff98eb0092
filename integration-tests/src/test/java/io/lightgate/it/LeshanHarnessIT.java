/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.PathUtils;

/**
 * The Leshan test harness in Felix, without the engine: a hand-written CoAP client (raw
 * Californium) registers with two {@link TestLeshanServer}s, answers a Read, updates its
 * registration, sends notifications and de-registers; the harness must record all of it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LeshanHarnessIT extends GatewayTestSupport {

    private static final String EP = "harness-probe";

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("leshan-harness")), Lwm2mStack.leshanServer());
    }

    @Test
    public void harnessRecordsRegistrationReadUpdateNotificationsAndDeregistration() throws Exception {
        try (TestLeshanServer a = TestLeshanServer.start("A"); TestLeshanServer b = TestLeshanServer.start("B"); Probe probe = new Probe()) {
            assertTrue(a.uri().toString(), a.uri().toString().matches("coap://127\\.0\\.0\\.1:\\d+"));
            assertFalse(a.uri().equals(b.uri()));

            // Register with both servers
            String locationA = probe.register(a);
            String locationB = probe.register(b);
            Registration regA = a.awaitRegistration(EP, WAIT);
            Registration regB = b.awaitRegistration(EP, WAIT);
            assertEquals(regA, a.registration(EP));
            assertEquals(Set.of(3), a.events(EP).get(0).objectIds());
            assertEquals(60L, (long) regB.getLifeTimeInSec());
            assertEquals(probe.port(), (int) regA.getPort());

            // Read /3/0 from A, answered by the probe in TLV
            ReadResponse read = a.send(EP, new ReadRequest(ContentFormat.TLV, 3, 0), WAIT);
            assertTrue(String.valueOf(read), read.isSuccess());
            LwM2mObjectInstance instance = (LwM2mObjectInstance) read.getContent();
            assertEquals("ACME", instance.getResource(0).getValue());

            // Observe /3/0/0 from A; two notifications from the probe
            ObserveResponse observed = a.send(EP, new ObserveRequest(ContentFormat.TLV, 3, 0, 0), WAIT);
            assertTrue(String.valueOf(observed), observed.isSuccess());
            assertEquals("ACME", ((LwM2mSingleResource) observed.getContent()).getValue());
            probe.manufacturer("ACME-1");
            a.awaitNotifications(EP, "/3/0/0", 1, WAIT);
            probe.manufacturer("ACME-2");
            List<TestLeshanServer.Notification> notes = a.awaitNotifications(EP, "/3/0/0", 2, WAIT);
            assertEquals(List.of("ACME-1", "ACME-2"), notes.stream().map(TestLeshanServer.Notification::value).toList());
            assertFalse(notes.get(1).at().isBefore(notes.get(0).at()));
            assertEquals(new LwM2mPath(3, 0, 0), notes.get(0).path());
            assertTrue(b.notifications(EP, "/3/0/0").isEmpty());
            assertTrue(a.observationErrors().toString(), a.observationErrors().isEmpty());

            // Update with a new object: UPDATED with 3303 in the links
            assertEquals(ResponseCode.CHANGED, probe.update(a, locationA, "</3/0>,</3303/0>").getCode());
            TestLeshanServer.RegistrationEvent updated = a.awaitUpdate(EP, TestLeshanServer.hasObject(3303), WAIT);
            assertEquals(Set.of(3, 3303), updated.objectIds());
            assertTrue(TestLeshanServer.hasInstance(3303, 0).test(updated.objectLinks()));
            assertTrue(b.events(EP).stream().noneMatch(e -> e.kind() == TestLeshanServer.Kind.UPDATED));

            // De-register from both
            assertEquals(ResponseCode.DELETED, probe.deregister(a, locationA).getCode());
            assertEquals(ResponseCode.DELETED, probe.deregister(b, locationB).getCode());
            TestLeshanServer.RegistrationEvent gone = a.awaitDeregistration(EP, WAIT);
            assertFalse(gone.expired());
            b.awaitDeregistration(EP, WAIT);
            assertEquals(null, a.registration(EP));
            assertEquals(List.of(TestLeshanServer.Kind.REGISTERED, TestLeshanServer.Kind.UPDATED, TestLeshanServer.Kind.DEREGISTERED),
                    a.events(EP).stream().map(TestLeshanServer.RegistrationEvent::kind).toList());
        }
        // Californium writes Californium3.properties when something uses its standard configuration
        assertFalse(Files.exists(Path.of(PathUtils.getBaseDir(), "Californium3.properties")));
        assertFalse(Files.exists(Path.of("Californium3.properties")));
    }

    /** A minimal LwM2M client: raw Californium, Device object /3/0 with resource 0 (Manufacturer). */
    private static final class Probe implements AutoCloseable {
        private final Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        private final LwM2mModel model = new StaticModel(ObjectLoader.loadDefault());
        private final LwM2mEncoder encoder = new DefaultLwM2mEncoder();
        private final CoapEndpoint endpoint;
        private final CoapServer server;
        private final CoapResource manufacturerResource;
        private volatile String manufacturer = "ACME";

        Probe() throws Exception {
            endpoint = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
            server = new CoapServer(config);
            server.addEndpoint(endpoint);
            CoapResource object = new CoapResource("3");
            CoapResource instance = new CoapResource("0") {
                @Override
                public void handleGET(CoapExchange exchange) {
                    reply(exchange, new LwM2mObjectInstance(0, LwM2mSingleResource.newStringResource(0, manufacturer)), new LwM2mPath(3, 0));
                }
            };
            manufacturerResource = new CoapResource("0") {
                @Override
                public void handleGET(CoapExchange exchange) {
                    reply(exchange, LwM2mSingleResource.newStringResource(0, manufacturer), new LwM2mPath(3, 0, 0));
                }
            };
            manufacturerResource.setObservable(true);
            instance.add(manufacturerResource);
            object.add(instance);
            server.add(object);
            server.start();
        }

        int port() {
            return endpoint.getAddress().getPort();
        }

        private void reply(CoapExchange exchange, LwM2mNode node, LwM2mPath path) {
            int accept = exchange.getRequestOptions().getAccept();
            ContentFormat format = accept == MediaTypeRegistry.UNDEFINED ? ContentFormat.TLV : ContentFormat.fromCode(accept);
            exchange.respond(ResponseCode.CONTENT, encoder.encode(node, format, path, model), format.getCode());
        }

        void manufacturer(String value) {
            manufacturer = value;
            manufacturerResource.changed();
        }

        /** Registers; returns the location path, e.g. "rd/abc". */
        String register(TestLeshanServer to) throws InterruptedException {
            Request r = Request.newPost();
            r.setURI(to.uri() + "/rd?ep=" + EP + "&lt=60&lwm2m=1.1&b=U");
            r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            r.setPayload("</3/0>");
            Response response = send(r);
            assertEquals(ResponseCode.CREATED, response.getCode());
            String location = response.getOptions().getLocationPathString();
            assertNotNull(location);
            return location;
        }

        Response update(TestLeshanServer to, String location, String links) throws InterruptedException {
            Request r = Request.newPost();
            r.setURI(to.uri() + "/" + location);
            r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            r.setPayload(links);
            return send(r);
        }

        Response deregister(TestLeshanServer to, String location) throws InterruptedException {
            Request r = Request.newDelete();
            r.setURI(to.uri() + "/" + location);
            return send(r);
        }

        private Response send(Request r) throws InterruptedException {
            Response response = r.send(endpoint).waitForResponse(WAIT.toMillis());
            if (response == null) {
                throw new AssertionError("no response to " + r);
            }
            return response;
        }

        @Override
        public void close() {
            server.destroy();
        }
    }
}
