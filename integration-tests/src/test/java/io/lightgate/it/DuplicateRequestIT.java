/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.leshan.server.registration.Registration;
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
 * A server that did not get an answer sends its request again with the same message ID (RFC 7252
 * 4.2, 4.5): the engine answers the duplicate with the same response, byte for byte, and the
 * object is not read or written a second time. The requests are sent raw from the server's own
 * address (a {@link FuzzRelay} in front of a real Leshan server), after another request, so that
 * the first one's exchange is done and remembered by its answer only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DuplicateRequestIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicReference<String> packageUri = new AtomicReference<>("coap://updates.example/a");
    private ServiceRegistration<LwM2mObject> firmwareObject;
    private TestLeshanServer leshan;
    private FuzzRelay relay;
    private EngineSupport engine;
    private InetSocketAddress endpoint;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("duplicates")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        // Firmware Update (5): Package URI (1) counts its reads and writes
        firmwareObject = context.registerService(LwM2mObject.class, new SimpleObject(SimpleInstance.builder(0)
                .writable(0, ResourceType.OPAQUE, null, v -> { })
                .writable(1, ResourceType.STRING, () -> {
                    reads.incrementAndGet();
                    return Value.of(packageUri.get());
                }, v -> {
                    writes.incrementAndGet();
                    packageUri.set(packageUri.get() + v.asString());
                })
                .executable(2, args -> { })
                .integer(3, () -> 0).integer(5, () -> 0)
                .build()), props(Map.of(LwM2mObject.OBJECT_ID, 5)));
        leshan = TestLeshanServer.start("duplicates");
        relay = new FuzzRelay(leshan.address());
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("duplicates", relay.uri(), 1);
        Registration registration = leshan.awaitRegistration(GW, WAIT);
        assertNotNull(registration);
        await("the server sees object 5", () -> TestLeshanServer.objectIds(
                java.util.List.of(leshan.registration(GW).getObjectLinks())).contains(5));
        endpoint = relay.endpointBehind(leshan.registration(GW).getSocketAddress());
    }

    @After
    public void tearDown() throws Exception {
        if (engine != null) {
            engine.deleteAll();
            if (leshan != null && relay != null) {
                leshan.awaitDeregistration(GW, WAIT); // through the relay: closed only after
            }
        }
        unregister(firmwareObject);
        if (relay != null) {
            relay.close();
        }
        if (leshan != null) {
            leshan.destroy();
        }
    }

    @Test
    public void aDuplicateConReadGetsTheSameResponseAndTheObjectIsReadOnce() throws Exception {
        int mid = freeMid();
        byte[] read = datagram(Request.newGet(), mid, "5/0/1", null);
        Response first = exchange(read, mid);
        assertEquals(CoAP.ResponseCode.CONTENT, first.getCode());
        assertEquals("coap://updates.example/a", first.getPayloadString());
        int readsAfterFirst = reads.get();
        exchange(datagram(Request.newGet(), freeMid(), "5/0/3", null), -1); // another request: the first one is done

        Response again = exchange(read, mid);
        assertEquals(CoAP.Type.ACK, again.getType());
        assertArrayEquals("the same response, byte for byte", first.getBytes(), again.getBytes());
        assertEquals("the object was not read again", readsAfterFirst, reads.get());
    }

    @Test
    public void aDuplicateConWriteIsAppliedOnce() throws Exception {
        int mid = freeMid();
        byte[] write = datagram(Request.newPut(), mid, "5/0/1", "/b");
        Response first = exchange(write, mid);
        assertEquals(CoAP.ResponseCode.CHANGED, first.getCode());
        exchange(datagram(Request.newGet(), freeMid(), "5/0/3", null), -1);

        Response again = exchange(write, mid);
        assertArrayEquals("the same response, byte for byte", first.getBytes(), again.getBytes());
        assertEquals("written once", 1, writes.get());
        assertEquals("coap://updates.example/a/b", packageUri.get());
    }

    /** A message ID that Leshan has not used and will not use soon towards the endpoint. */
    private int freeMid() {
        while (true) {
            int mid = ThreadLocalRandom.current().nextInt(0x8000, 0xFFFF);
            if (!relay.reservedForLeshan(endpoint, mid, 1000)) {
                return mid;
            }
        }
    }

    private static byte[] datagram(Request request, int mid, String path, String text) {
        request.setMID(mid);
        request.setToken(new Token(new byte[] { 7, 7, (byte) (mid >> 8), (byte) mid }));
        request.getOptions().setUriPath(path);
        if (text != null) {
            request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
            request.setPayload(text);
        } else {
            request.getOptions().setAccept(MediaTypeRegistry.TEXT_PLAIN);
        }
        return new UdpDataSerializer().getByteArray(request);
    }

    /** Sends a datagram from the server's address and returns the endpoint's response to it (any, for mid -1). */
    private Response exchange(byte[] datagram, int mid) throws Exception {
        int expected = mid >= 0 ? mid : new UdpDataParser().parseMessage(datagram).getMID();
        relay.inject(endpoint, datagram, false);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            FuzzRelay.Answer a = relay.answers().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (a != null && a.endpoint().equals(endpoint)) {
                Message m = new UdpDataParser().parseMessage(a.datagram());
                if (m instanceof Response r && r.getMID() == expected) {
                    r.setBytes(a.datagram());
                    return r;
                }
            }
        }
        throw new AssertionError("no answer to message ID " + expected + " within " + WAIT);
    }
}
