/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.Resource;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteRequest;
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
 * Notification Storing When Disabled or Offline (/1/x/6): a real Leshan server observes a value
 * that changes 100 times a second; the network between gateway and server is cut for a few
 * seconds (every datagram both ways dropped by a relay on loopback). What changed meanwhile
 * reaches the server once the network is back, in order, stamped with the time each value was
 * taken: by LwM2M 1.1 Send, timestamped SenML. With storing turned off by the server, what
 * changed meanwhile is not delivered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StoreAndForwardIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String RSSI = "/4/0/2";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long CHANGE_PERIOD_MS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    private final AtomicLong rssi = new AtomicLong(0);
    private final AtomicLong lastRead = new AtomicLong(0);
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicBoolean sourceStopped = new AtomicBoolean();
    private final AtomicBoolean holdReads = new AtomicBoolean();
    private final BlockingQueue<CompletableFuture<Resource>> heldReads = new LinkedBlockingQueue<>();
    private final Map<Long, Instant> producedAt = new ConcurrentHashMap<>();
    private volatile ObjectListener objectListener;
    private ServiceRegistration<?> registration;
    private SimpleObject connectivity;
    private TestLeshanServer server;
    private LossyUdpRelay relay;
    private EngineSupport engine;
    private ScheduledExecutorService source;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("store-and-forward")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, () -> {
            long value = rssi.get();
            lastRead.accumulateAndGet(value, Math::max);
            return value;
        }).integer(3, () -> 90).build());
        registration = context.registerService(LwM2mObject.class, new HoldingReads(), props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        server = TestLeshanServer.start("A");
        relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", server.uri().getPort()), (direction, payload) -> cut.get());
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", relay.uri("coap"), 1);
        assertNotNull(server.awaitRegistration(GW, WAIT));
        source = Executors.newSingleThreadScheduledExecutor();
    }

    @After
    public void tearDown() throws Exception {
        if (source != null) {
            source.shutdownNow();
        }
        engine.deleteAll();
        unregister(registration);
        relay.close();
        server.destroy();
    }

    @Test
    public void valuesChangedWhileTheServerIsUnreachableArriveInOrderWithTheirTimes() throws Exception {
        observeEveryChange();
        Outage outage = produceAcrossAnOutage(100);

        // every value taken during the outage reaches the server, forwarded after it, and so does every
        // value taken while the gateway had not yet noticed it (while the server is reachable a notification
        // replaced by a fresher one before it went out is not sent, as RFC 7641 allows)
        awaitNoneMissing("every value produced during the outage reached the server", outage);
        Map<Long, Instant> forwarded = forwardedValues();
        System.out.println("StoreAndForwardIT: " + outage.produced() + " values, " + forwarded.size() + " forwarded after the outage, "
                + notifiedValues().size() + " notified live");
        assertTrue("values changed during the outage were forwarded: " + forwarded.size(), forwarded.size() >= OUTAGE.toSeconds() * 50);

        // in order, each with the time it was taken, not when it was forwarded
        List<Long> order = forwardedInArrivalOrder();
        for (int i = 1; i < order.size(); i++) {
            assertTrue("forwarded in order: " + order.get(i - 1) + " before " + order.get(i), order.get(i - 1) <= order.get(i));
        }
        // the source changes a value only once the gateway read the one before, so a value is read between
        // its neighbours' changes: its stamp lies there too (a stamp taken when forwarding would be later)
        for (Map.Entry<Long, Instant> e : forwarded.entrySet()) {
            long v = e.getKey();
            Instant notBefore = producedAt.getOrDefault(v - 1, producedAt.get(v)).minusMillis(5);
            Instant notAfter = producedAt.containsKey(v + 1) ? producedAt.get(v + 1).plusMillis(5) : Instant.MAX;
            assertTrue("value " + v + " stamped " + e.getValue() + ", taken between " + notBefore + " and " + notAfter,
                    !e.getValue().isBefore(notBefore) && !e.getValue().isAfter(notAfter));
        }
    }

    @Test
    public void withNotificationStoringOffWhatChangedDuringTheOutageIsNotDelivered() throws Exception {
        WriteRequest storingOff = new WriteRequest(ContentFormat.TEXT, 1, 0, 6, false);
        assertEquals(ResponseCode.CHANGED, server.send(GW, storingOff, TIMEOUT).getCode());
        observeEveryChange();
        Outage outage = produceAcrossAnOutage(100);

        // the values after the outage arrive live; none is forwarded
        assertTrue("nothing forwarded: " + forwardedValues(), forwardedValues().isEmpty());
        long duringOutage = missing(outage).size();
        assertTrue("values changed during the outage are missing: " + duringOutage, duringOutage >= OUTAGE.toSeconds() * 50);
    }

    @Test
    public void valuesStoredBeforeARestartOfTheEngineAreForwardedAfterIt() throws Exception {
        observeEveryChange();
        startSource();
        long atCut = cutAfterNotified(100);
        stopSource();
        long lastBeforeRestart = rssi.get();

        // the engine stops and starts again (a changed setting) while the server is still unreachable;
        // a new engine registers a new registry listener
        java.util.Set<Object> engineListeners = engineListenerIds();
        engine.configureEngine(Map.of("notifications.stored.max", 50_000L));
        await("the engine stopped and started again", () -> !engineListenerIds().isEmpty()
                && java.util.Collections.disjoint(engineListenerIds(), engineListeners));
        cut.set(false);

        awaitNoneMissing("every value taken during the outage before the restart reached the server",
                new Outage(lastBeforeRestart, atCut, lastBeforeRestart));
        List<Long> order = forwardedInArrivalOrder();
        for (int i = 1; i < order.size(); i++) {
            assertTrue("forwarded in order: " + order.get(i - 1) + " before " + order.get(i), order.get(i - 1) <= order.get(i));
        }
    }

    @Test
    public void aSourceFasterThanTheEngineLosesNothingWhileTheServerIsAway() throws Exception {
        observeEveryChange();
        rssi.set(1);
        connectivity.fireResourcesChanged(0, 2);
        await("the first value is notified", () -> notifiedValues().contains(1L));

        // the network is cut; 3,000 changes follow back to back, none waiting for the engine, the first
        // ones before the gateway can know the server is unreachable. Each is reported with its value
        // (SimpleObject takes it at the report): none may be replaced by the next before it is kept
        cut.set(true);
        int changes = 3_000;
        for (long v = 2; v < 2 + changes; v++) {
            rssi.set(v);
            connectivity.fireResourcesChanged(0, 2);
        }
        await("a notification was retransmitted into the cut", () -> relay.seen().stream()
                .filter(d -> d.dropped() && d.direction() == LossyUdpRelay.Direction.TO_SERVER).count() >= 2);
        cut.set(false);

        awaitNoneMissing("every one of " + changes + " back-to-back changes reached the server", new Outage(1 + changes, 1, 1 + changes));
        List<Long> order = forwardedInArrivalOrder();
        for (int i = 1; i < order.size(); i++) {
            assertTrue("forwarded in order: " + order.get(i - 1) + " before " + order.get(i), order.get(i - 1) < order.get(i));
        }
        Map<Long, Instant> forwarded = forwardedValues();
        System.out.println("StoreAndForwardIT: " + changes + " back-to-back changes, " + forwarded.size() + " forwarded, "
                + notifiedValues().size() + " notified live");
        for (long v = 3; v < 2 + changes; v++) {
            if (forwarded.containsKey(v) && forwarded.containsKey(v - 1)) {
                assertTrue("value " + v + " is not stamped before value " + (v - 1), !forwarded.get(v).isBefore(forwarded.get(v - 1)));
            }
        }
    }

    @Test
    public void aValueReadLateIsStampedWhenItWasReadNotWhenItsReadWasAskedFor() throws Exception {
        observeEveryChange();
        // the server becomes unreachable: a notification goes out into the cut and is retransmitted
        cut.set(true);
        rssi.set(1);
        connectivity.fireResourcesChanged(0, 2);
        await("a notification was retransmitted into the cut", () -> relay.seen().stream()
                .filter(d -> d.dropped() && d.direction() == LossyUdpRelay.Direction.TO_SERVER).count() >= 2);

        // the next change is stored: its read is asked for, and returns only after the source changed again
        holdReads.set(true);
        rssi.set(2);
        objectListener.resourcesChanged(0, 2); // without its value, as an asynchronous source reports

        CompletableFuture<Resource> held = heldReads.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull("the engine reads the changed value to store it", held);
        Instant asked = Instant.now();
        await("the clock moved on", () -> Instant.now().isAfter(asked.plusMillis(50)));
        rssi.set(3);
        Instant changedTo3 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        holdReads.set(false);
        held.complete(connectivity.read(0, 2).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        cut.set(false);

        await("the value read late is forwarded", () -> forwardedValues().containsKey(3L));
        Instant stamp = forwardedValues().get(3L);
        assertTrue("value 3 is stamped " + stamp + ", before it existed (" + changedTo3 + ")", !stamp.isBefore(changedTo3));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * The test's Connectivity Monitoring object as the registry sees it: while {@link #holdReads} is set, a
     * read of /4/0/2 answers only when the test completes it (a source that answers asynchronously, or an
     * object whose calls queue behind others).
     */
    private final class HoldingReads implements LwM2mObject {
        @Override
        public java.util.SortedSet<Integer> instanceIds() {
            return connectivity.instanceIds();
        }

        @Override
        public java.util.Set<Integer> resourceIds(int instanceId) {
            return connectivity.resourceIds(instanceId);
        }

        @Override
        public CompletionStage<Resource> read(int instanceId, int resourceId) {
            if (resourceId == 2 && holdReads.get()) {
                CompletableFuture<Resource> read = new CompletableFuture<>();
                heldReads.add(read);
                return read;
            }
            return connectivity.read(instanceId, resourceId);
        }

        @Override
        public void setListener(ObjectListener listener) {
            objectListener = listener;
            connectivity.setListener(listener);
        }
    }

    private java.util.Set<Object> engineListenerIds() {
        try {
            java.util.Set<Object> ids = new java.util.HashSet<>();
            for (var ref : context.getServiceReferences(io.lightgate.api.registry.RegistryListener.class, null)) {
                if ("io.lightgate.lwm2m".equals(ref.getBundle().getSymbolicName())) {
                    ids.add(ref.getProperty(org.osgi.framework.Constants.SERVICE_ID));
                }
            }
            return ids;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Outage(long produced, long lastBeforeCut, long lastBeforeHeal) {
    }

    /** Waits until no value of the outage is missing; the failure names what is (Pax Exam reports only the message). */
    private void awaitNoneMissing(String what, Outage outage) throws InterruptedException {
        try {
            await(what, () -> missing(outage).isEmpty());
        } catch (AssertionError e) {
            List<Long> missing = missing(outage);
            String detail = e.getMessage() + ": " + missing.size() + " of " + (outage.lastBeforeHeal() - outage.lastBeforeCut())
                    + " missing, e.g. " + missing.subList(0, Math.min(20, missing.size())) + "; " + forwardedValues().size() + " forwarded";
            System.out.println("StoreAndForwardIT: " + detail);
            throw new AssertionError(detail);
        }
    }

    /**
     * Changes the value every 10 ms, each once the gateway has read the one before (a notification carries
     * the value read when it is made, so on a busy machine a value replaced before any read would be
     * missed by the source, not lost by the gateway), until {@link #stopSource()}.
     */
    private void startSource() {
        source.scheduleAtFixedRate(() -> {
            if (!sourceStopped.get() && lastRead.get() >= rssi.get()) {
                long value = rssi.get() + 1;
                producedAt.put(value, Instant.now());
                rssi.set(value);
                connectivity.fireResourcesChanged(0, 2);
            }
        }, 0, CHANGE_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void stopSource() throws InterruptedException {
        sourceStopped.set(true);
        source.shutdown();
        assertTrue(source.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    /** Once {@code notified} values were notified, cuts the network for {@link #OUTAGE}; returns the last value before the cut. */
    private long cutAfterNotified(int notified) throws InterruptedException {
        await("the first values are notified", () -> notifiedValues().size() >= notified);
        long atCut = rssi.get();
        cut.set(true);
        Thread.sleep(OUTAGE.toMillis()); // the outage is a length of time, not a condition to wait for
        return atCut;
    }

    private void observeEveryChange() throws InterruptedException {
        assertTrue(server.send(GW, new WriteAttributesRequest(4, 0, 2, new LwM2mAttributeSet(
                LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 0L))), TIMEOUT).isSuccess());
        assertTrue(server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT).isSuccess());
    }

    /**
     * The source runs; after {@code before} changes were notified the network is cut for {@link #OUTAGE} while
     * the changes go on; then it heals, and the changes go on until one made after the outage is notified live.
     */
    private Outage produceAcrossAnOutage(int before) throws Exception {
        startSource();
        long atCut = cutAfterNotified(before);
        long atHeal = rssi.get();
        cut.set(false);
        try {
            await("a value changed after the outage is notified live", () -> notifiedValues().stream().anyMatch(v -> v > atHeal));
        } catch (AssertionError e) {
            StringBuilder dump = new StringBuilder("StoreAndForwardIT: produced " + rssi.get() + ", last read " + lastRead.get() + "\n");
            Thread.getAllStackTraces().forEach((t, frames) -> {
                if (t.getName().startsWith("lightgate")) {
                    dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
                    for (StackTraceElement f : frames) {
                        dump.append("    ").append(f).append('\n');
                    }
                }
            });
            System.out.println(dump);
            throw e;
        }
        stopSource();
        return new Outage(rssi.get(), atCut, atHeal);
    }

    private List<Long> notifiedValues() {
        List<Long> values = new ArrayList<>();
        for (TestLeshanServer.Notification n : server.notifications(GW, RSSI)) {
            if (n.content() instanceof LwM2mSingleResource r) {
                values.add((Long) r.getValue());
            }
        }
        return values;
    }

    /** Values of /4/0/2 the gateway sent with Send, by value, with their timestamps. */
    private Map<Long, Instant> forwardedValues() {
        Map<Long, Instant> values = new TreeMap<>();
        for (TimestampedLwM2mNodes nodes : server.sent(GW)) {
            for (Instant t : nodes.getTimestamps()) {
                LwM2mNode node = nodes.getNodesAt(t).get(new LwM2mPath(RSSI));
                if (node instanceof LwM2mSingleResource r) {
                    values.put((Long) r.getValue(), t);
                }
            }
        }
        return values;
    }

    private List<Long> forwardedInArrivalOrder() {
        List<Long> values = new ArrayList<>();
        for (TimestampedLwM2mNodes nodes : server.sent(GW)) {
            for (Instant t : nodes.getTimestamps()) { // a pack's timestamps, oldest first
                if (nodes.getNodesAt(t).get(new LwM2mPath(RSSI)) instanceof LwM2mSingleResource r) {
                    values.add((Long) r.getValue());
                }
            }
        }
        return values;
    }

    /** Values taken from the cut to the heal that reached the server neither live nor forwarded. */
    private List<Long> missing(Outage outage) {
        java.util.Set<Long> seen = new java.util.HashSet<>(notifiedValues());
        seen.addAll(forwardedValues().keySet());
        List<Long> missing = new ArrayList<>();
        for (long v = outage.lastBeforeCut() + 1; v <= outage.lastBeforeHeal(); v++) {
            if (!seen.contains(v)) {
                missing.add(v);
            }
        }
        return missing;
    }
}
