/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.response.ObserveResponse;
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
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceRegistration;

/**
 * The message types of notifications as the engine's settings make them: NON, with a CON every
 * n-th ({@code notifications.con.every} in etc/io.lightgate.lwm2m.cfg), seen on the wire at a
 * real Leshan server; and what a single-value observation sends when values change faster than
 * its notifications may go ({@code notifications.backlog}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class NotificationPacingIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String RSSI = "/4/0/2";

    private final AtomicLong rssi = new AtomicLong(-80);
    private final List<CoAP.Type> notificationTypes = new CopyOnWriteArrayList<>();
    private SimpleObject connectivity;
    private ServiceRegistration<LwM2mObject> registration;
    private TestLeshanServer server;
    private EngineSupport engine;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("pacing")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, rssi::get).build());
        registration = context.registerService(LwM2mObject.class, connectivity, props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        server = TestLeshanServer.start("pacing");
        ((CaliforniumServerEndpoint) server.server().getEndpoint(Protocol.COAP)).getCoapEndpoint().addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveResponse(Response response) {
                // notifications only: the Observe's own answer comes piggy-backed in the ACK
                if (response.getOptions().hasObserve() && response.getType() != CoAP.Type.ACK) {
                    notificationTypes.add(response.getType());
                }
            }
        });
        engine = new EngineSupport(configurationAdmin);
    }

    private void startEngine(Map<String, Object> settings) throws Exception {
        engine.configureEngine(settings);
        engine.addServer("pacing", server.uri(), 1);
        assertNotNull(server.awaitRegistration(GW, WAIT));
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        unregister(registration);
        server.destroy();
    }

    @Test
    public void byDefaultEveryNotificationIsConfirmable() throws Exception {
        startEngine(Map.of());
        assertEquals(List.of(CoAP.Type.CON, CoAP.Type.CON, CoAP.Type.CON, CoAP.Type.CON), observeChanges(4));
    }

    @Test
    public void withConEveryThreeTheOthersGoAsNon() throws Exception {
        startEngine(Map.of("notifications.con.every", 3));
        // Californium counts the Observe's answer as the relation's first message: CON at the 2nd, 5th, 8th notification
        assertEquals(List.of(CoAP.Type.NON, CoAP.Type.CON, CoAP.Type.NON, CoAP.Type.NON, CoAP.Type.CON, CoAP.Type.NON,
                CoAP.Type.NON, CoAP.Type.CON, CoAP.Type.NON), observeChanges(9));
    }

    @Test
    public void withBacklogAllEveryValueOfABurstAboveTheRateArrivesInOrder() throws Exception {
        startEngine(Map.of("notifications.per.second", 50.0, "notifications.burst", 1));
        List<Long> changes = burst(100);

        server.awaitNotifications(GW, RSSI, changes.size(), WAIT);

        assertEquals(changes, server.notifications(GW, RSSI).stream().map(n -> (Long) n.value()).toList());
        assertEquals(0, superseded());
    }

    @Test
    public void withBacklogNewestTheServerGetsTheLastValueSoonAndTheSupersededAreCounted() throws Exception {
        // 50/s with a burst of 1: 100 changes at once are a backlog of about two seconds with "all"
        startEngine(Map.of("notifications.per.second", 50.0, "notifications.burst", 1, "notifications.backlog", "newest"));
        List<Long> changes = burst(100);
        long last = changes.get(changes.size() - 1);

        assertTrue("the last value notified within 1 s of its change, got " + server.notifications(GW, RSSI),
                holdsWithin(Duration.ofSeconds(1), () -> lastNotified() == last));
        assertTrue("nothing after it: " + server.notifications(GW, RSSI),
                holdsThroughout(Duration.ofMillis(500), () -> lastNotified() == last));

        List<Long> notified = server.notifications(GW, RSSI).stream().map(n -> (Long) n.value()).toList();
        assertTrue("fewer notifications than changes: " + notified, notified.size() < changes.size());
        for (int i = 1; i < notified.size(); i++) {
            assertTrue("never an older value after a newer one: " + notified, notified.get(i - 1) < notified.get(i));
        }
        long superseded = superseded();
        assertTrue("superseded counted: " + superseded + ", notified " + notified.size(), superseded > 0);
        assertTrue("each change notified or superseded at most once: " + superseded + " + " + notified.size(),
                superseded + notified.size() <= changes.size());
        assertTrue("lwm2m:registrations shows it:\n" + shell("lwm2m:registrations"),
                shell("lwm2m:registrations").contains("SUPERSEDED"));
    }

    /** Observes /4/0/2 in TLV and changes it {@code count} times at once, each change with its value; answers the values. */
    private List<Long> burst(int count) throws Exception {
        ObserveResponse observed = server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), Duration.ofSeconds(30));
        assertTrue(observed.toString(), observed.isSuccess());
        List<Long> changes = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rssi.set(-200 + i);
            changes.add(rssi.get());
            connectivity.fireResourcesChanged(0, 2);
        }
        return changes;
    }

    private long lastNotified() {
        List<TestLeshanServer.Notification> got = server.notifications(GW, RSSI);
        return got.isEmpty() ? Long.MIN_VALUE : (Long) got.get(got.size() - 1).value();
    }

    /** Values superseded at the gateway's endpoint toward the test's server, as the engine's status says. */
    private long superseded() {
        var ref = context.getServiceReference(io.lightgate.api.status.RegistrationMonitor.class);
        assertNotNull("the engine's status", ref);
        return context.getService(ref).registrations().stream().filter(r -> r.endpoint().equals(GW))
                .mapToLong(io.lightgate.api.status.RegistrationStatus::supersededNotifications).sum();
    }

    /** Observes /4/0/2, changes it {@code count} times (one notification each) and answers the notifications' types. */
    private List<CoAP.Type> observeChanges(int count) throws Exception {
        ObserveResponse observed = server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), Duration.ofSeconds(30));
        assertTrue(observed.toString(), observed.isSuccess());
        for (int i = 1; i <= count; i++) {
            rssi.set(-80 + i);
            connectivity.fireResourcesChanged(0, 2);
            server.awaitNotifications(GW, RSSI, i, WAIT); // one change at a time: each its own notification
        }
        await(count + " notifications seen on the wire, seen " + notificationTypes, () -> notificationTypes.size() >= count);
        return List.copyOf(notificationTypes.subList(0, count));
    }
}
