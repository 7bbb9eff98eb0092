/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.response.ObserveResponse;
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
 * One observation lives through several separate outages between the gateway and a real Leshan
 * server (every datagram dropped by a relay on loopback until the gateway noticed, from an
 * unacknowledged CON notification). After each one the value stored meanwhile is forwarded by
 * Send and a later change is notified live on the original observation. Californium keeps one
 * exchange per observe relation, and its count of failed transmissions used to survive the
 * acknowledgements in between: from the fifth outage on, the timer ended the relation instead of
 * retransmitting, and the server, still observing, heard nothing more.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RepeatedOutagesIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String RSSI = "/4/0/2";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int OUTAGES = 6;
    /** Longer than Californium's MAX_ACK_TIMEOUT (60 s): a notification's first timeout may grow to it. */
    private static final Duration NOTICED = Duration.ofSeconds(90);

    private final AtomicLong rssi = new AtomicLong(0);
    private final AtomicBoolean cut = new AtomicBoolean();
    /** When each datagram toward the server was dropped (System.nanoTime). */
    private final List<Long> droppedToServer = new ArrayList<>();
    private ServiceRegistration<?> registration;
    private SimpleObject connectivity;
    private TestLeshanServer server;
    private LossyUdpRelay relay;
    private EngineSupport engine;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("repeated-outages")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, rssi::get).integer(3, () -> 90).build());
        registration = context.registerService(LwM2mObject.class, connectivity, props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        server = TestLeshanServer.start("A");
        relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", server.uri().getPort()), (direction, payload) -> {
            boolean lost = cut.get();
            if (lost && direction == LossyUdpRelay.Direction.TO_SERVER) {
                synchronized (droppedToServer) {
                    droppedToServer.add(System.nanoTime());
                }
            }
            return lost;
        });
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", relay.uri("coap"), 1);
        assertNotNull(server.awaitRegistration(GW, WAIT));
    }

    @After
    public void tearDown() throws Exception {
        engine.deleteAll();
        unregister(registration);
        relay.close();
        server.destroy();
    }

    @Test
    public void anObservationOutlivesManyOutagesAndNotifiesLiveAfterEach() throws Exception {
        assertTrue(server.send(GW, new WriteAttributesRequest(4, 0, 2, new LwM2mAttributeSet(
                LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 0L))), TIMEOUT).isSuccess());
        ObserveResponse observed = server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT);
        assertTrue("observed: " + observed, observed.isSuccess());
        String observation = observed.getObservation().getId().toString();

        List<String> firstTimeouts = new ArrayList<>();
        for (int outage = 1; outage <= OUTAGES; outage++) {
            long live = change();
            await("before outage " + outage + ", value " + live + " is notified live", () -> notifiedOn(observation).contains(live));

            // the network is cut; a change goes out as a CON notification into the cut. The outage lasts
            // until the gateway noticed: its notification and its retransmission or the Update it sends
            // when it takes the server for unreachable are dropped
            int droppedBefore = dropped().size();
            cut.set(true);
            long stored = change();
            if (!holdsWithin(NOTICED, () -> dropped().size() >= droppedBefore + 2)) {
                throw new AssertionError("outage " + outage + ": nothing was sent after the notification of value " + stored
                        + " within " + NOTICED.toSeconds() + " s (first timeouts so far: " + firstTimeouts + ")");
            }
            List<Long> dropped = dropped();
            // how long the notification waited before its timer fired: Californium's first timeout is 2-3 s
            firstTimeouts.add(String.format("%.1f s", (dropped.get(droppedBefore + 1) - dropped.get(droppedBefore)) / 1e9));
            System.out.println("RepeatedOutagesIT: outage " + outage + " noticed " + firstTimeouts.get(outage - 1)
                    + " after the notification went out");
            cut.set(false);

            int n = outage;
            await("after outage " + n + ", value " + stored + " (taken during it) is forwarded by Send",
                    () -> forwarded().contains(stored) || notifiedOn(observation).contains(stored));
            long after = change();
            await("after outage " + n + " (first timeouts " + firstTimeouts + "), value " + after
                    + " is notified live on the original observation", () -> notifiedOn(observation).contains(after));
        }
        System.out.println("RepeatedOutagesIT: first timeouts of the notifications that met the outages: " + firstTimeouts);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private long change() {
        long value = rssi.incrementAndGet();
        connectivity.fireResourcesChanged(0, 2);
        return value;
    }

    private List<Long> dropped() {
        synchronized (droppedToServer) {
            return List.copyOf(droppedToServer);
        }
    }

    /** Values of /4/0/2 notified on the given observation. */
    private List<Long> notifiedOn(String observation) {
        List<Long> values = new ArrayList<>();
        for (TestLeshanServer.Notification n : server.notifications(GW, RSSI)) {
            if (n.response() instanceof ObserveResponse r && r.getObservation() != null
                    && observation.equals(r.getObservation().getId().toString()) && n.content() instanceof LwM2mSingleResource v) {
                values.add((Long) v.getValue());
            }
        }
        return values;
    }

    /** Values of /4/0/2 the gateway sent with Send. */
    private List<Long> forwarded() {
        List<Long> values = new ArrayList<>();
        for (TimestampedLwM2mNodes nodes : server.sent(GW)) {
            for (var t : nodes.getTimestamps()) {
                LwM2mNode node = nodes.getNodesAt(t).get(new LwM2mPath(RSSI));
                if (node instanceof LwM2mSingleResource r) {
                    values.add((Long) r.getValue());
                }
            }
        }
        return values;
    }
}
