/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.queue.PresenceServiceImpl;
import org.eclipse.leshan.server.queue.StaticClientAwakeTimeProvider;
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
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceRegistration;

/**
 * Queue mode (binding UQ) against a real Leshan server with its queue mode support, and a second
 * server without queue mode on the same endpoint and socket. Both the gateway and the server use
 * an awake time of 2 s. The server sees the client in queue mode; once the client sleeps, a Read
 * from the Leshan application fails fast (ClientSleepingException: the client is sleeping), and a
 * request that bypasses Leshan's queue mode is not answered (Californium retransmits it). A change
 * of an observed value wakes the client: the server gets an Update, then the notification; the
 * request the application kept for the client's wake-up (Leshan's onAwake) is answered. A server
 * that writes UQ to its Binding gets a fresh Register in queue mode. Should the wake-up Update go
 * unanswered (the network cut by a relay), what the held notification read is forwarded by
 * store-and-forward once the server is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class QueueModeIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String RSSI = "/4/0/2";
    private static final int AWAKE_MS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // only a failing request waits this long

    private final AtomicLong rssi = new AtomicLong(-80);
    private SimpleObject connectivity;
    private ServiceRegistration<LwM2mObject> registration;
    private TestLeshanServer queued;
    private TestLeshanServer plain;
    private EngineSupport engine;
    /** What server Q saw, in the order it happened: "UPDATED" (an Update arrived), "AWAKE", "SLEEPING", "NOTIFIED -50", "ANSWERED -50", ... */
    private final List<String> journal = new ArrayList<>();
    /** A request the Leshan application keeps for the client's next wake-up, as applications on Leshan's queue mode do. */
    private final AtomicReference<ReadRequest> pending = new AtomicReference<>();

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("queue-mode")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, rssi::get).integer(3, () -> 90).build());
        registration = context.registerService(LwM2mObject.class, connectivity, props(Map.of(LwM2mObject.OBJECT_ID, 4)));
        queued = TestLeshanServer.builder().name("Q")
                // retransmit soon: a dropped request shows as a retransmission within a second
                .coapConfig(c -> c.set(CoapConfig.ACK_TIMEOUT, 500, TimeUnit.MILLISECONDS))
                .leshan(b -> b.setClientAwakeTimeProvider(new StaticClientAwakeTimeProvider(AWAKE_MS))).start();
        recordJournal(queued);
        plain = TestLeshanServer.start("P");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("q", queued.uri(), 1, Map.of("binding", "UQ", "queue.awake.ms", (long) AWAKE_MS));
        // U: no queue mode until the server writes UQ to its Binding (/1/x/7)
        engine.addServer("p", plain.uri(), 2, Map.of("queue.awake.ms", (long) AWAKE_MS));
        assertNotNull(queued.awaitRegistration(GW, WAIT));
        assertNotNull(plain.awaitRegistration(GW, WAIT));
    }

    @After
    public void tearDown() {
        engine.deleteAll();
        unregister(registration);
        queued.destroy();
        plain.destroy();
    }

    @Test
    public void theServerSeesQueueModeTheSleepingClientAnswersNothingAndAValueChangeWakesIt() throws Exception {
        Registration q = queued.registration(GW);
        assertTrue("server Q sees the client in queue mode", q.usesQueueMode());
        assertEquals("LwM2M 1.1: b=U and the Q parameter", EnumSet.of(BindingMode.U), q.getBindingMode());
        assertFalse("server P does not", plain.registration(GW).usesQueueMode());

        whileAwake(() -> attributes(queued));
        whileAwake(() -> observe(queued));
        attributes(plain);
        observe(plain);

        awaitAsleep();
        // what a user of Leshan sees: the client is sleeping, the request is not sent
        assertThrows(ClientSleepingException.class, () -> queued.send(GW, new ReadRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT));
        // a request that bypasses Leshan's queue mode reaches a client whose radio is off: no answer, retransmitted
        Request bypassing = Request.newGet();
        bypassing.getOptions().setUriPath("4/0/2");
        bypassing.setDestinationContext(new AddressEndpointContext(queued.registration(GW).getSocketAddress()));
        AtomicBoolean retransmitted = new AtomicBoolean();
        AtomicReference<Response> answer = new AtomicReference<>();
        bypassing.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onRetransmission() {
                retransmitted.set(true);
            }

            @Override
            public void onResponse(Response response) {
                answer.set(response);
            }
        });
        ((CaliforniumServerEndpoint) queued.server().getEndpoint(Protocol.COAP)).getCoapEndpoint().sendRequest(bypassing);
        await("the sleeping client leaves a request unanswered, so that it is retransmitted", retransmitted::get);
        assertNull("the sleeping client did not answer: " + answer.get(), answer.get());
        bypassing.cancel();
        // meanwhile server P, not in queue mode, reads at any time
        assertTrue(plain.send(GW, new ReadRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT).isSuccess());

        pending.set(new ReadRequest(ContentFormat.TLV, 4, 0, 2));
        int updatesBefore = count("UPDATED");
        set(-50);

        await("server Q gets the notification of -50", () -> journalIndex("NOTIFIED -50") >= 0);
        await("the request kept for the wake-up is answered", () -> journal().stream().anyMatch(e -> e.startsWith("ANSWERED")));
        List<String> seen = journal();
        int update = indexAfter(seen, "UPDATED", updatesBefore);
        assertTrue("the client woke with an Update: " + seen, update >= 0);
        assertTrue("the Update came before the notification: " + seen, update < seen.indexOf("NOTIFIED -50"));
        assertTrue("the request kept for the wake-up was answered with the new value: " + seen, seen.contains("ANSWERED -50"));
        System.out.println("QueueModeIT: server Q saw " + seen);
        // server P was told live, as ever
        await("server P gets -50", () -> plain.notifications(GW, RSSI).stream().anyMatch(n -> Long.valueOf(-50).equals(n.value())));
    }

    @Test
    public void nothingIsLostAcrossSleepWakeCycles() throws Exception {
        whileAwake(() -> attributes(queued));
        whileAwake(() -> observe(queued));
        attributes(plain);
        observe(plain);
        List<Long> produced = new ArrayList<>();
        for (int cycle = 1; cycle <= 4; cycle++) {
            awaitAsleep();
            int updatesBefore = count("UPDATED");
            long asleepValue = -60 - cycle;
            set(asleepValue);
            produced.add(asleepValue);
            await("cycle " + cycle + ": server Q gets " + asleepValue, () -> journalIndex("NOTIFIED " + asleepValue) >= 0);
            assertTrue("cycle " + cycle + ": an Update woke the client first: " + journal(),
                    indexAfter(journal(), "UPDATED", updatesBefore) >= 0
                            && indexAfter(journal(), "UPDATED", updatesBefore) < journalIndex("NOTIFIED " + asleepValue));
            // awake now: a change is notified at once, without another Update
            long awakeValue = -30 - cycle;
            set(awakeValue);
            produced.add(awakeValue);
            await("cycle " + cycle + ": server Q gets " + awakeValue, () -> journalIndex("NOTIFIED " + awakeValue) >= 0);
        }
        for (long v : produced) {
            assertTrue("server Q got " + v + ": " + journal(), journalIndex("NOTIFIED " + v) >= 0);
            await("server P got " + v, () -> plain.notifications(GW, RSSI).stream().anyMatch(n -> Long.valueOf(v).equals(n.value())));
        }
        System.out.println("QueueModeIT: server Q saw " + journal());
        assertTrue("nothing went by Send: " + queued.sent(GW), queued.sent(GW).isEmpty());
        assertTrue("the client slept in between: " + journal(), count("SLEEPING") >= 4);
    }

    @Test
    public void aServerWritingUqToItsBindingTurnsQueueModeOnWithAFreshRegister() throws Exception {
        assertFalse(plain.registration(GW).usesQueueMode());
        int instance = serverInstance(plain, 2);
        int registrationsBefore = (int) plain.events(GW).stream().filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).count();
        assertEquals(ResponseCode.CHANGED, plain.send(GW, new WriteRequest(ContentFormat.TEXT, 1, instance, 7, "UQ"), TIMEOUT).getCode());

        // a 1.1 Update carries no Q: the client registers again, now in queue mode
        await("server P sees a fresh Register in queue mode", () -> plain.events(GW).stream()
                .filter(e -> e.kind() == TestLeshanServer.Kind.REGISTERED).skip(registrationsBefore)
                .anyMatch(e -> e.registration().usesQueueMode()));
        assertEquals(EnumSet.of(BindingMode.U), plain.registration(GW).getBindingMode());
        // P's Leshan takes it as awake for its default 93 s, but the client sleeps after 2 s: a Read goes unanswered
        await("the gateway sleeps toward server P", () -> shell("lwm2m:registrations").lines()
                .anyMatch(l -> l.contains(plain.uri().toString()) && l.contains("REGISTERED/asleep")));
        ReadResponse unanswered = plain.send(GW, new ReadRequest(ContentFormat.TLV, 4, 0, 2), Duration.ofSeconds(3));
        assertNull("Leshan's synchronous send returns null when no answer comes: " + unanswered, unanswered);
        // server Q, in queue mode from the start, is not affected: it wakes the client with an Update as ever
        awaitAsleep();
        whileAwake(() -> queued.send(GW, new ReadRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT));
    }

    @Test
    public void valuesHeldForAWakeUpTheServerDoesNotAnswerAreForwardedOnceItIsBack() throws Exception {
        AtomicBoolean cut = new AtomicBoolean();
        try (TestLeshanServer behindRelay = TestLeshanServer.builder().name("R")
                .leshan(b -> b.setClientAwakeTimeProvider(new StaticClientAwakeTimeProvider(AWAKE_MS))).start();
                LossyUdpRelay relay = new LossyUdpRelay(behindRelay.address(), (direction, payload) -> cut.get())) {
            attributes(plain);
            observe(plain);
            engine.addServer("r", relay.uri("coap"), 3, Map.of("binding", "UQ", "queue.awake.ms", (long) AWAKE_MS));
            assertNotNull(behindRelay.awaitRegistration(GW, WAIT));
            for (int attempt = 1;; attempt++) {
                try {
                    attributes(behindRelay);
                    observe(behindRelay);
                    break;
                } catch (ClientSleepingException e) {
                    assertTrue("the client never stayed awake long enough for a request", attempt < 5);
                    long updates = behindRelay.events(GW).stream().filter(ev -> ev.kind() == TestLeshanServer.Kind.UPDATED).count();
                    shell("lwm2m:update " + GW);
                    await("an Update wakes the client", () -> behindRelay.events(GW).stream()
                            .filter(ev -> ev.kind() == TestLeshanServer.Kind.UPDATED).count() > updates);
                }
            }
            await("the gateway sleeps toward server R", () -> shell("lwm2m:registrations").lines()
                    .anyMatch(l -> l.contains(relay.uri("coap").toString()) && l.contains("REGISTERED/asleep")));

            // the network to R is cut: the Update that should wake the client goes unanswered
            cut.set(true);
            set(-77);
            await("the gateway finds server R unreachable (the Update timed out)", () -> shell("lwm2m:registrations").lines()
                    .anyMatch(l -> l.contains(relay.uri("coap").toString()) && l.contains("WAITING_RETRY")));
            cut.set(false);

            // what the held notification read reaches R once it is back: forwarded by store-and-forward
            await("server R gets -77 by Send", () -> sentValues(behindRelay).contains(-77L));
            System.out.println("QueueModeIT: R got by Send " + sentValues(behindRelay) + ", notified "
                    + behindRelay.notifications(GW, RSSI).stream().map(TestLeshanServer.Notification::value).toList());
            // the other servers were not held up: P was notified live
            await("server P gets -77", () -> plain.notifications(GW, RSSI).stream().anyMatch(n -> Long.valueOf(-77).equals(n.value())));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Values of /4/0/2 an endpoint pushed to the server with Send. */
    private static List<Long> sentValues(TestLeshanServer server) {
        List<Long> values = new ArrayList<>();
        for (var nodes : server.sent(GW)) {
            for (var t : nodes.getTimestamps()) {
                if (nodes.getNodesAt(t).get(new org.eclipse.leshan.core.node.LwM2mPath(RSSI)) instanceof LwM2mSingleResource r) {
                    values.add((Long) r.getValue());
                }
            }
        }
        return values;
    }

    /** The Server object instance (1/x) of the server with that Short Server ID. */
    private int serverInstance(TestLeshanServer server, int shortServerId) throws Exception {
        for (int i = 0; i < 2; i++) {
            ReadResponse r = server.send(GW, new ReadRequest(ContentFormat.TLV, 1, i, 0), TIMEOUT);
            if (r.isSuccess() && Long.valueOf(shortServerId).equals(((LwM2mSingleResource) r.getContent()).getValue())) {
                return i;
            }
        }
        throw new AssertionError("no Server object instance for ssid " + shortServerId);
    }

    private void set(long value) {
        rssi.set(value);
        connectivity.fireResourcesChanged(0, 2);
    }

    private LwM2mResponse observe(TestLeshanServer server) throws Exception {
        ObserveResponse r = server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
        return r;
    }

    /** pmin 0: every change is notified. */
    private LwM2mResponse attributes(TestLeshanServer server) throws Exception {
        LwM2mResponse r = server.send(GW, new WriteAttributesRequest(4, 0, 2,
                new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 0L))), TIMEOUT);
        assertTrue(r.toString(), r.isSuccess());
        return r;
    }

    /**
     * Sends a request to server Q's client while it is awake: should it sleep already (a slow
     * machine), the gateway is asked for an Update (lwm2m:update), which wakes it, and the request
     * goes again.
     */
    private void whileAwake(Callable<LwM2mResponse> request) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                request.call();
                return;
            } catch (ClientSleepingException e) {
                if (attempt == 5) {
                    throw new AssertionError("the client never stayed awake long enough for a request: " + journal(), e);
                }
                int updates = count("UPDATED");
                shell("lwm2m:update " + GW);
                await("an Update wakes the client", () -> count("UPDATED") > updates);
            }
        }
    }

    /** Both sides agree that the client sleeps toward server Q: the gateway's shell and Leshan's presence service. */
    private void awaitAsleep() throws InterruptedException {
        PresenceServiceImpl presence = (PresenceServiceImpl) queued.server().getPresenceService();
        await("the gateway sleeps toward server Q (lwm2m:registrations)", () -> shell("lwm2m:registrations").lines()
                .anyMatch(l -> l.contains(queued.uri().toString()) && l.contains("REGISTERED/asleep")));
        await("server Q takes the client as sleeping", () -> !presence.isClientAwake(queued.registration(GW)));
    }

    private void recordJournal(TestLeshanServer server) {
        // an Update as it arrives, before Leshan handles it (its listeners hear of it only after the answer went out)
        ((CaliforniumServerEndpoint) server.server().getEndpoint(Protocol.COAP)).getCoapEndpoint().addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveRequest(Request request) {
                if (request.getCode() == CoAP.Code.POST && request.getOptions().getUriPath().size() == 2
                        && "rd".equals(request.getOptions().getUriPath().get(0)) && !request.isDuplicate()) {
                    log("UPDATED");
                }
            }
        });
        server.server().getPresenceService().addListener(new PresenceListener() {
            @Override
            public void onAwake(Registration reg) {
                log("AWAKE");
                ReadRequest request = pending.getAndSet(null);
                if (request != null) {
                    // what a Leshan application does with queue mode: send what it kept once the client is awake
                    server.server().send(reg, request, TIMEOUT.toMillis(), (ReadResponse r) -> log("ANSWERED " + valueOf(r)),
                            e -> log("FAILED " + e));
                }
            }

            @Override
            public void onSleeping(Registration reg) {
                log("SLEEPING");
            }
        });
        server.server().getObservationService().addListener(new ObservationListener() {
            @Override
            public void newObservation(Observation observation, Registration reg) {
            }

            @Override
            public void cancelled(Observation observation) {
            }

            @Override
            public void onResponse(SingleObservation observation, Registration reg, ObserveResponse response) {
                log("NOTIFIED " + valueOf(response));
            }

            @Override
            public void onResponse(org.eclipse.leshan.core.observation.CompositeObservation observation, Registration reg,
                    org.eclipse.leshan.core.response.ObserveCompositeResponse response) {
            }

            @Override
            public void onError(Observation observation, Registration reg, Exception error) {
                log("ERROR " + error);
            }
        });
    }

    private static Object valueOf(ReadResponse response) {
        return response.getContent() instanceof LwM2mSingleResource r ? r.getValue() : response.getCode();
    }

    private void log(String event) {
        synchronized (journal) {
            journal.add(event);
        }
    }

    private List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    private int journalIndex(String event) {
        return journal().indexOf(event);
    }

    private int count(String event) {
        return (int) journal().stream().filter(event::equals).count();
    }

    /** The index of the first {@code event} after the first {@code skip} of them, or -1. */
    private static int indexAfter(List<String> events, String event, int skip) {
        int seen = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).equals(event) && seen++ == skip) {
                return i;
            }
        }
        return -1;
    }

}
