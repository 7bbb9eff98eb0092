/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Device management details against a real Leshan server: the Server object's semantics,
 * Create/Delete, Read-Composite, block-wise transfers, and malformed payloads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceManagementIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: only a failing request waits this long

    private TestLeshanServer server;
    private EngineSupport engine;
    private final AtomicReference<byte[]> firmware = new AtomicReference<>();
    private final AtomicReference<String> executed = new AtomicReference<>();
    private final AtomicReference<String> packageUri = new AtomicReference<>("coap://updates.example/" + "x".repeat(20_000));
    private ServiceRegistration<LwM2mObject> firmwareObject;
    private ServiceRegistration<LwM2mObject> aclObject;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("dm")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        // Firmware Update (5): a 20 kB Package URI to read, a Package to write (both block-wise)
        firmwareObject = context.registerService(LwM2mObject.class, new SimpleObject(SimpleInstance.builder(0)
                .writable(0, ResourceType.OPAQUE, null, v -> firmware.set(v.asOpaque()))
                .writable(1, ResourceType.STRING, () -> Value.of(packageUri.get()), v -> packageUri.set(v.asString()))
                .executable(2, args -> executed.set(args.asMap().toString()))
                .integer(3, () -> 0).integer(5, () -> 0)
                .build()), props(Map.of(LwM2mObject.OBJECT_ID, 5)));
        // Access Control (2): a multi-instance object that allows Create and Delete
        aclObject = context.registerService(LwM2mObject.class, new CreatableAcl(), props(Map.of(LwM2mObject.OBJECT_ID, 2)));
        server = TestLeshanServer.start("dm");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("dm", server.uri(), 1);
        assertNotNull(server.awaitRegistration(GW, WAIT));
        await("the server sees the test objects 2 and 5", () -> {
            var links = TestLeshanServer.objectIds(java.util.List.of(server.registration(GW).getObjectLinks()));
            return links.contains(5) && links.contains(2);
        });
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        unregister(firmwareObject);
        unregister(aclObject);
        server.destroy();
    }

    @Test
    public void serverObjectLifetimeTriggerAndDisable() throws Exception {
        ReadResponse r = server.send(GW, new ReadRequest(ContentFormat.TLV, 1, 0), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
        LwM2mObjectInstance serverInstance = (LwM2mObjectInstance) r.getContent();
        assertEquals(1L, serverInstance.getResource(0).getValue());
        assertEquals(300L, serverInstance.getResource(1).getValue());
        assertEquals("U", serverInstance.getResource(7).getValue());

        // a new lifetime reaches the server in an Update
        assertTrue(server.send(GW, new WriteRequest(ContentFormat.TEXT, 1, 0, 1, 120L), TIMEOUT).isSuccess());
        server.awaitEvent(GW, TestLeshanServer.Kind.UPDATED, e -> e.registration().getLifeTimeInSec() == 120L, WAIT);
        assertEquals(ResponseCode.BAD_REQUEST, server.send(GW, new WriteRequest(ContentFormat.TEXT, 1, 0, 1, 0L), TIMEOUT).getCode());

        // Registration Update Trigger
        int updates = server.events(GW).size();
        assertTrue(server.send(GW, new ExecuteRequest("/1/0/8"), TIMEOUT).isSuccess());
        server.awaitEvent(GW, TestLeshanServer.Kind.UPDATED, e -> server.events(GW).size() > updates, WAIT);

        // Disable for 2 s: de-registered, then registered again
        assertTrue(server.send(GW, new WriteRequest(ContentFormat.TEXT, 1, 0, 5, 2L), TIMEOUT).isSuccess());
        server.clear();
        assertTrue(server.send(GW, new ExecuteRequest("/1/0/4"), TIMEOUT).isSuccess());
        assertNotNull(server.awaitDeregistration(GW, WAIT));
        assertNotNull(server.awaitEvent(GW, TestLeshanServer.Kind.REGISTERED, e -> true, WAIT));
    }

    @Test
    public void executeArgumentsSecurityObjectAndDiscoverAttributes() throws Exception {
        var x = server.send(GW, new ExecuteRequest("/5/0/2", "0='fw-2.1',1"), TIMEOUT);
        assertTrue(x.toString(), x.isSuccess());
        assertEquals("{0=fw-2.1, 1=}", executed.get());
        assertEquals("malformed arguments", CoAP.ResponseCode.BAD_REQUEST,
                raw(Request.newPost(), "5/0/2", 0, "0=fw".getBytes(StandardCharsets.UTF_8)).getCode());

        assertEquals("Security object", ResponseCode.UNAUTHORIZED, server.send(GW, new ReadRequest(0, 0), TIMEOUT).getCode());

        var attrs = new org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet(
                org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes.create(
                        org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes.MINIMUM_PERIOD, 10L));
        assertTrue(server.send(GW, new org.eclipse.leshan.core.request.WriteAttributesRequest(3, 0, attrs), TIMEOUT).isSuccess());
        var discover = server.send(GW, new org.eclipse.leshan.core.request.DiscoverRequest(3, 0), TIMEOUT);
        String links = java.util.Arrays.toString(discover.getObjectLinks());
        assertTrue(links, links.contains("</3/0>;pmin=10"));
    }

    @Test
    public void createAndDeleteInstances() throws Exception {
        CreateResponse created = server.send(GW, new CreateRequest(ContentFormat.TLV, 2,
                LwM2mSingleResource.newIntegerResource(0, 3), LwM2mSingleResource.newIntegerResource(1, 0),
                LwM2mSingleResource.newIntegerResource(3, 1)), TIMEOUT);
        assertTrue(created.toString(), created.isSuccess());
        assertEquals("/2/0", "/" + created.getLocation());
        server.awaitUpdate(GW, TestLeshanServer.hasInstance(2, 0), WAIT);
        ReadResponse r = server.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 2, 0, 0), TIMEOUT);
        assertEquals(3L, ((LwM2mSingleResource) r.getContent()).getValue());
        assertTrue(server.send(GW, new DeleteRequest(2, 0), TIMEOUT).isSuccess());
        assertEquals(ResponseCode.NOT_FOUND, server.send(GW, new ReadRequest(2, 0), TIMEOUT).getCode());
        assertEquals(ResponseCode.NOT_FOUND, server.send(GW, new DeleteRequest(2, 0), TIMEOUT).getCode());
        assertEquals("Delete of a whole object", CoAP.ResponseCode.METHOD_NOT_ALLOWED, raw(Request.newDelete(), "2", -1, null).getCode());
    }

    @Test
    public void readCompositeAndBlockwiseTransfers() throws Exception {
        ReadCompositeResponse composite = server.send(GW, new ReadCompositeRequest(ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON,
                "/3/0/0", "/3/0/17", "/5/0/3"), TIMEOUT);
        assertTrue(composite.toString(), composite.isSuccess());
        assertEquals("Lightgate", ((LwM2mSingleResource) composite.getContent("/3/0/0")).getValue());
        assertEquals("Gateway", ((LwM2mSingleResource) composite.getContent("/3/0/17")).getValue());

        var write = server.send(GW, new org.eclipse.leshan.core.request.WriteCompositeRequest(ContentFormat.SENML_JSON,
                Map.of("/3/0/15", "Asia/Tokyo", "/5/0/1", "coap://updates.example/v2")), TIMEOUT);
        assertTrue(write.toString(), write.isSuccess());
        assertEquals("coap://updates.example/v2", packageUri.get());
        ReadResponse cbor = server.send(GW, new ReadRequest(ContentFormat.CBOR, 3, 0, 15), TIMEOUT);
        assertEquals("Asia/Tokyo", ((LwM2mSingleResource) cbor.getContent()).getValue());
        packageUri.set("coap://updates.example/" + "x".repeat(20_000));

        ReadResponse big = server.send(GW, new ReadRequest(ContentFormat.TLV, 5, 0, 1), TIMEOUT);
        assertEquals("20 kB read in blocks", packageUri.get(), ((LwM2mSingleResource) big.getContent()).getValue());

        byte[] image = new byte[100_000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31);
        }
        assertTrue(server.send(GW, new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, image), Duration.ofSeconds(30)).isSuccess());
        assertArrayEquals("100 kB written in blocks", image, firmware.get());
    }

    @Test
    public void malformedPayloadsGetTheRightCodes() throws Exception {
        // truncated TLV for a write of Timezone (3/0/15)
        assertEquals(CoAP.ResponseCode.BAD_REQUEST, raw(Request.newPut(), "3/0/15", 11542, new byte[] { (byte) 0xC8, 0x0F, 0x10, 'E' }).getCode());
        // SenML JSON that is not JSON
        assertEquals(CoAP.ResponseCode.BAD_REQUEST, raw(Request.newPut(), "3/0/15", 110, "[{\"n\":".getBytes(StandardCharsets.UTF_8)).getCode());
        // a content format nobody knows
        assertEquals(CoAP.ResponseCode.UNSUPPORTED_CONTENT_FORMAT, raw(Request.newPut(), "3/0/15", 9999, "x".getBytes(StandardCharsets.UTF_8)).getCode());
        // text for an integer resource that is not a number (Lifetime 1/0/1)
        assertEquals(CoAP.ResponseCode.BAD_REQUEST, raw(Request.newPut(), "1/0/1", 0, "soon".getBytes(StandardCharsets.UTF_8)).getCode());
        // asking for a format the client cannot produce for an instance
        Request read = Request.newGet();
        read.getOptions().setAccept(0);
        assertEquals(CoAP.ResponseCode.NOT_ACCEPTABLE, raw(read, "3/0", -1, null).getCode());
        // and the endpoint still answers
        assertTrue(server.send(GW, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT).isSuccess());
    }

    /** Sends a hand-made CoAP request from the Leshan server's own socket, as the server would. */
    private Response raw(Request request, String path, int contentFormat, byte[] payload) throws Exception {
        var coap = ((CaliforniumServerEndpoint) server.server().getEndpoint(Protocol.COAP)).getCoapEndpoint();
        request.setDestinationContext(new AddressEndpointContext(server.registration(GW).getSocketAddress()));
        request.getOptions().setUriPath(path);
        if (contentFormat >= 0) {
            request.getOptions().setContentFormat(contentFormat);
        }
        if (payload != null) {
            request.setPayload(payload);
        }
        coap.sendRequest(request);
        Response response = request.waitForResponse(TIMEOUT.toMillis());
        assertNotNull("no answer to " + request, response);
        return response;
    }

    /** An Access Control object whose instances servers may create and delete. */
    private static final class CreatableAcl extends SimpleObject {
        @Override
        public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
            int id = instanceId != null ? instanceId : nextFreeId();
            Map<Integer, Long> values = new java.util.HashMap<>();
            resources.forEach(r -> values.put(r.id(), r.value().asLong()));
            addInstance(SimpleInstance.builder(id)
                    .integer(0, () -> values.getOrDefault(0, 0L))
                    .integer(1, () -> values.getOrDefault(1, 0L))
                    .writable(3, ResourceType.INTEGER, () -> Value.of(values.getOrDefault(3, 0L)), v -> values.put(3, v.asLong()))
                    .build());
            return CompletableFuture.completedFuture(id);
        }

        @Override
        public CompletionStage<Void> delete(int instanceId) {
            return removeInstance(instanceId) ? CompletableFuture.completedFuture(null)
                    : LwM2mObject.failed(LwM2mException.notFound("no instance " + instanceId));
        }
    }

}
