/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.WriteAttributesResponse;
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
import org.osgi.framework.ServiceRegistration;

/**
 * Information reporting against real Leshan servers: notifications driven by the registry's
 * change events, pmin/pmax/gt/lt/st kept per server, Cancel.
 * The observed value is Connectivity Monitoring (4) /4/0/2 Radio Signal Strength (dBm), an
 * object the test contributes and changes at will.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ObserveIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String RSSI = "/4/0/2";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // generous: only a failing request waits this long

    private final AtomicLong rssi = new AtomicLong(-80);
    private final AtomicBoolean sourceAvailable = new AtomicBoolean(true);
    private SimpleObject connectivity;
    private ServiceRegistration<LwM2mObject> registration;
    private TestLeshanServer serverA;
    private TestLeshanServer serverB;
    private EngineSupport engine;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("observe")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, () -> {
            if (!sourceAvailable.get()) {
                throw LwM2mException.unavailable("the radio is being reconnected");
            }
            return rssi.get();
        }).integer(3, () -> 90).build());
        registration = context.registerService(LwM2mObject.class, connectivity, props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        serverA = TestLeshanServer.start("A");
        serverB = TestLeshanServer.start("B");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", serverA.uri(), 1);
        engine.addServer("b", serverB.uri(), 2);
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        assertNotNull(serverB.awaitRegistration(GW, WAIT));
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        unregister(registration);
        serverA.destroy();
        serverB.destroy();
    }

    private void set(long value) {
        rssi.set(value);
        connectivity.fireResourcesChanged(0, 2);
    }

    private ObserveResponse observe(TestLeshanServer server) throws Exception {
        ObserveResponse r = server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
        return r;
    }

    private void attributes(TestLeshanServer server, LwM2mAttributeSet set) throws Exception {
        WriteAttributesResponse r = server.send(GW, new WriteAttributesRequest(4, 0, 2, set), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
    }

    private static List<Object> values(List<TestLeshanServer.Notification> notifications) {
        return notifications.stream().map(TestLeshanServer.Notification::value).toList();
    }

    @Test
    public void everyChangeIsNotifiedAndCancelStopsThem() throws Exception {
        ObserveResponse observation = observe(serverA);
        assertEquals(-80L, ((org.eclipse.leshan.core.node.LwM2mSingleResource) observation.getContent()).getValue());
        set(-70);
        serverA.awaitNotifications(GW, RSSI, 1, WAIT);
        set(-60);
        assertEquals(List.of(-70L, -60L), values(serverA.awaitNotifications(GW, RSSI, 2, WAIT)));

        assertTrue(serverA.send(GW, new CancelObservationRequest(observation.getObservation()), TIMEOUT).isSuccess());
        set(-50);
        assertTrue("no notification after Cancel: " + serverA.notifications(GW, RSSI),
                holdsThroughout(Duration.ofSeconds(1), () -> serverA.notifications(GW, RSSI).size() == 2));
    }

    @Test
    public void aSourceAwayForAWhileKeepsTheObservation() throws Exception {
        // pmax 1 s: while the source is away, the timer keeps asking too
        attributes(serverA, new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 1L)));
        observe(serverA);
        sourceAvailable.set(false);
        set(-75); // a change the source cannot deliver: reads answer 5.03
        // an error notification would end the relation; wait past two pmax periods without one
        assertTrue("no notification while the source is away: " + serverA.notifications(GW, RSSI),
                holdsThroughout(Duration.ofMillis(2500), () -> serverA.notifications(GW, RSSI).isEmpty()));
        sourceAvailable.set(true);
        set(-55);
        // the same observation notifies again, without the server observing anew
        assertEquals(-55L, serverA.awaitNotifications(GW, RSSI, 1, WAIT).get(0).value());
    }

    @Test
    public void pminDelaysAndCoalescesPmaxForces() throws Exception {
        attributes(serverA, new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 2L),
                LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 3L)));
        Instant observed = Instant.now();
        observe(serverA);
        set(-71);
        set(-72);
        set(-73);
        List<TestLeshanServer.Notification> first = serverA.awaitNotifications(GW, RSSI, 1, WAIT);
        assertEquals("three changes within pmin, one notification with the last value", -73L, first.get(0).value());
        assertTrue("not before pmin (2 s): " + Duration.between(observed, first.get(0).at()),
                Duration.between(observed, first.get(0).at()).toMillis() >= 1500);
        // no change at all: pmax (3 s) still sends the current value
        List<TestLeshanServer.Notification> forced = serverA.awaitNotifications(GW, RSSI, 2, WAIT);
        assertEquals(-73L, forced.get(1).value());
        assertTrue("pmax notification about 3 s after the previous one",
                Duration.between(forced.get(0).at(), forced.get(1).at()).toMillis() >= 2500);
    }

    @Test
    public void thresholdsAndStepFilterPerServer() throws Exception {
        // A: notify only when crossing -50 upward/downward (gt) or falling below -90 (lt)
        attributes(serverA, new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.GREATER_THAN, -50d),
                LwM2mAttributes.create(LwM2mAttributes.LESSER_THAN, -90d)));
        // B: notify only for steps of at least 10
        attributes(serverB, new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.STEP, 10d)));
        observe(serverA);
        observe(serverB);
        // Each change must be evaluated on its own (the engine reads the value when it evaluates,
        // so two changes in a row could be judged as one): wait for every expected notification
        // before the next change. Changes that notify nobody may merge with the next one without
        // changing the outcome (-75 with -65, -44 with -95).
        set(-75);
        set(-65);
        serverB.awaitNotifications(GW, RSSI, 1, WAIT);
        set(-45);
        serverA.awaitNotifications(GW, RSSI, 1, WAIT);
        serverB.awaitNotifications(GW, RSSI, 2, WAIT);
        set(-44);
        set(-95);
        assertEquals("A: crossing gt upward, then below lt", List.of(-45L, -95L), values(serverA.awaitNotifications(GW, RSSI, 2, WAIT)));
        assertEquals("B: steps of 10 or more from the last notified value", List.of(-65L, -45L, -95L),
                values(serverB.awaitNotifications(GW, RSSI, 3, WAIT)));
        assertTrue("no more for A or B: " + serverA.notifications(GW, RSSI) + ", " + serverB.notifications(GW, RSSI),
                holdsThroughout(Duration.ofMillis(500),
                        () -> serverA.notifications(GW, RSSI).size() == 2 && serverB.notifications(GW, RSSI).size() == 3));
    }

    @Test
    public void instanceAndCompositeObservations() throws Exception {
        assertTrue(serverA.send(GW, new ObserveRequest(ContentFormat.SENML_JSON, 4, 0), TIMEOUT).isSuccess());
        var composite = serverB.send(GW, new org.eclipse.leshan.core.request.ObserveCompositeRequest(ContentFormat.SENML_CBOR,
                ContentFormat.SENML_CBOR, "/4/0/2", "/3/0/17"), TIMEOUT);
        assertTrue(composite.toString(), composite.isSuccess());
        set(-55);
        var instance = serverA.awaitNotifications(GW, "/4/0", 1, WAIT);
        assertEquals(-55L, ((org.eclipse.leshan.core.node.LwM2mObjectInstance) instance.get(0).content()).getResource(2).getValue());
        var both = serverB.awaitNotifications(GW, RSSI, 1, WAIT);
        assertEquals(-55L, both.get(0).value());
        assertEquals("Gateway", serverB.awaitNotifications(GW, "/3/0/17", 1, WAIT).get(0).value());
        // a change outside the composite's paths: the instance observer hears it, the composite one does not
        connectivity.fireResourcesChanged(0, 3);
        serverA.awaitNotifications(GW, "/4/0", 2, WAIT);
        assertTrue("the composite observer heard nothing more: " + serverB.notifications(GW, RSSI),
                holdsThroughout(Duration.ofMillis(500), () -> serverB.notifications(GW, RSSI).size() == 1));
    }

    @Test
    public void objectsCanSendValuesToEveryServer() throws Exception {
        set(-66);
        connectivity.send(0, 2, 3);
        for (TestLeshanServer server : List.of(serverA, serverB)) {
            var data = server.awaitSent(GW, 1, WAIT).get(0);
            var nodes = data.getNodes();
            assertEquals(server.name(), -66L, ((org.eclipse.leshan.core.node.LwM2mSingleResource) nodes.get(
                    new org.eclipse.leshan.core.node.LwM2mPath(4, 0, 2))).getValue());
            assertEquals(server.name(), 90L, ((org.eclipse.leshan.core.node.LwM2mSingleResource) nodes.get(
                    new org.eclipse.leshan.core.node.LwM2mPath(4, 0, 3))).getValue());
        }
    }

    @Test
    public void withdrawingTheObjectEndsItsObservationsWith404() throws Exception {
        observe(serverA);
        set(-70);
        serverA.awaitNotifications(GW, RSSI, 1, WAIT);
        registration.unregister();
        List<TestLeshanServer.Notification> all = serverA.awaitNotifications(GW, RSSI, 2, WAIT);
        assertEquals("the last notification says the resource is gone", ResponseCode.NOT_FOUND, all.get(1).response().getCode());
        assertNotNull(serverA.awaitUpdate(GW, TestLeshanServer.lacksObject(4), WAIT));
    }

    @Test
    public void attributesOnAMissingResourceAre404() throws Exception {
        // (attribute combinations Leshan itself refuses to send are covered by the engine's unit tests)
        var missing = serverA.send(GW, new WriteAttributesRequest(4, 0, 9,
                new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 1L))), TIMEOUT);
        assertEquals(ResponseCode.NOT_FOUND, missing.getCode());
        var missingInstance = serverA.send(GW, new WriteAttributesRequest(4, 7,
                new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 1L))), TIMEOUT);
        assertEquals(ResponseCode.NOT_FOUND, missingInstance.getCode());
    }
}
