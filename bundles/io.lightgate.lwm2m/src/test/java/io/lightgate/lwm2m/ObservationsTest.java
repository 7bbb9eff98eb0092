/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.lwm2m.access.AccessControl;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.observe.ObserveSequence;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveManager;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * When an observation of one endpoint notifies, per the attributes its server wrote, without a socket:
 * the Observe request is an exchange whose responses the test keeps, the values come from an
 * in-memory registry and from the changes the test reports.
 */
public class ObservationsTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
    private static final LwM2mPath VALUE = LwM2mPath.of(3303, 0, 5700);
    private static final Configuration COAP;

    static {
        CoapConfig.register();
        COAP = Configuration.createStandardWithoutFile();
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final InMemoryRegistry registry = new InMemoryRegistry("dev-1");
    private final ServerAttributes attributes = new ServerAttributes();
    private final ContentCodec codec = new ContentCodec(id -> Optional.ofNullable(id == 3303 ? TEMPERATURE : null));
    private final EngineExecutors executors = new EngineExecutors(2);
    private final Registration main = new Registration(
            new ServerDefinition("main", URI.create("coap://127.0.0.1:5683"), 1, true, 0, "U", 0, 0),
            new Registration.Setup("dev-1", Duration.ofSeconds(300), () -> "", ssid -> RetryPolicy.GATEWAY, null),
            (request, to) -> CompletableFuture.completedFuture(null), null, null);
    private final ServerLookup servers = source -> SERVER.equals(source) ? main : null;
    // the notifications the server got, and how often a notification was decided (it is stored or sent)
    private final List<Response> responses = new CopyOnWriteArrayList<>();
    private final AtomicInteger decided = new AtomicInteger();
    private ClientStateStore store;
    private Observations observations;
    private RequestHandler handler;

    // while set, a notification the server got stays in transit until the test acknowledges it
    private volatile boolean holdInTransit;

    @Before
    public void setUp() throws Exception {
        store = new ClientStateStore(folder.newFolder("state").toPath());
        start(NotificationBacklog.ALL);
        registry.put(LwM2mPath.of(3303, 0), Resource.of(5700, Value.of(21.5)));
    }

    /** The endpoint's observations with this setting of notifications.backlog. */
    private void start(NotificationBacklog backlog) {
        EngineContext context = new EngineContext(registry, codec, executors, null, "127.0.0.1", attributes, 5000, 100, null, 1000, null,
                null, 0, new NotificationPacing(1000, 1000, 1,
                new MessageIdBudget(1, java.time.Duration.ofSeconds(247), java.time.Duration.ofSeconds(145)), backlog), null, new ServerLastHeard(System::nanoTime));
        observations = new Observations("dev-1", context, store, servers, new ReachableOutbox(), new NoRestorer());
        handler = new RequestHandler(new TestTarget(), new EndpointAccess("dev-1", new AccessControl(), () -> 1, i -> null), servers,
                new TestTarget(), observations, registry, codec, null);
    }

    @After
    public void tearDown() {
        executors.shutdown();
        store.close();
    }

    @Test
    public void withoutAttributesEveryChangeIsNotified() {
        observe("");

        change(22.0);

        waitUntil(() -> responses.size() == 2);
        assertEquals(22.0, valueOf(responses.get(1)), 0.0);
    }

    /**
     * A server may observe as soon as it has answered a Register with 2.01, before the gateway has
     * processed that answer: the fresh registration ends the observations made before the Register
     * went out, not those (the CI run of d1ae1d8 lost one that way: EtsClientIT int302).
     */
    @Test
    public void aFreshRegisterEndsOnlyTheObservationsMadeBeforeItWentOut() {
        PathResource resource = new PathResource("5700", VALUE, (r, coap) -> handler.handle(r.path(), answered(coap.advanced())),
                observations, new ObserveSequence(System::currentTimeMillis));
        ObserveRelation before = observe(resource, new byte[] { 1, 2, 3, 4 });
        long registerSent = System.nanoTime();
        ObserveRelation after = observe(resource, new byte[] { 5, 6, 7, 8 });

        observations.forgetServer(main, registerSent);

        assertTrue("the observation made before the Register ends", before.isCanceled());
        assertFalse("the one the server made after it stays", after.isCanceled());
        int answered = responses.size();
        change(22.0);
        waitUntil(() -> responses.size() == answered + 1);
        assertEquals(22.0, valueOf(responses.get(answered)), 0.0);
    }

    @Test
    public void aChangeAboveGreaterThanIsNotifiedAndOneBelowIsNot() {
        observe("gt=30");

        change(25.0);
        assertEquals(0, decided.get());
        change(35.0);

        assertEquals(1, decided.get());
        waitUntil(() -> responses.size() == 2);
        assertEquals(35.0, valueOf(responses.get(1)), 0.0);
    }

    @Test
    public void aChangeBelowLessThanIsNotifiedAndOneAboveIsNot() {
        observe("lt=10");

        change(12.0);
        assertEquals(0, decided.get());
        change(5.0);

        assertEquals(1, decided.get());
        waitUntil(() -> responses.size() == 2);
        assertEquals(5.0, valueOf(responses.get(1)), 0.0);
    }

    @Test
    public void aChangeWithinTheMinimumPeriodWaits() {
        observe("pmin=3600");

        change(35.0);

        assertEquals(0, decided.get());
        assertEquals(1, responses.size());
    }

    @Test
    public void aChangeReportedWithoutItsValueIsReadOnceToDecideAndThatValueIsNotified() {
        observe("gt=30");
        int before = registry.reads.get();
        registry.put(LwM2mPath.of(3303, 0), Resource.of(5700, Value.of(35.0)));

        observations.valuesChanged(List.of(VALUE));

        waitUntil(() -> responses.size() == 2);
        assertEquals(35.0, valueOf(responses.get(1)), 0.0);
        assertEquals("reads of the object for the change and its notification", 1, registry.reads.get() - before);
    }

    @Test
    public void aValueReadToDecideOnAnEarlierChangeIsNotNotifiedForALaterOne() {
        observe("gt=30");
        registry.put(LwM2mPath.of(3303, 0), Resource.of(5700, Value.of(25.0)));
        observations.valuesChanged(List.of(VALUE)); // read, below gt: nothing to tell
        assertEquals(0, decided.get());

        change(35.0); // reported with its value

        waitUntil(() -> responses.size() == 2);
        assertEquals(35.0, valueOf(responses.get(1)), 0.0);
    }

    @Test
    public void withBacklogAllEveryValueWaitingBehindANotificationInTransitFollowsInOrder() {
        observe("");
        holdInTransit = true;
        change(22.0); // in transit until acknowledged
        waitUntil(() -> responses.size() == 2);

        change(23.0);
        change(24.0);
        change(25.0);
        for (int i = 1; i <= 3; i++) {
            acknowledge(responses.get(i));
            int next = i + 2;
            waitUntil(() -> responses.size() == next);
        }

        assertEquals(List.of(22.0, 23.0, 24.0, 25.0), responses.stream().skip(1).map(ObservationsTest::valueOf).toList());
        assertEquals(0, observations.superseded(main));
    }

    @Test
    public void withBacklogNewestTheNotificationAfterTheOneInTransitCarriesTheNewestAndTheOthersAreCounted() {
        start(NotificationBacklog.NEWEST);
        observe("");
        holdInTransit = true;
        change(22.0); // in transit until acknowledged
        waitUntil(() -> responses.size() == 2);

        change(23.0);
        change(24.0);
        change(25.0);
        acknowledge(responses.get(1));
        waitUntil(() -> responses.size() == 3);
        acknowledge(responses.get(2));

        assertEquals(25.0, valueOf(responses.get(2)), 0.0);
        assertEquals("23 and 24", 2, observations.superseded(main));
        change(26.0); // nothing waits: the next change goes at once, as without a backlog
        waitUntil(() -> responses.size() == 4);
        assertEquals(26.0, valueOf(responses.get(3)), 0.0);
        assertEquals(2, observations.superseded(main));
    }

    // ---- the observation ----------------------------------------------------------------------

    @Test
    public void pathsNoRequestFoundAndNothingObservesLeaveTheTreeWhileObservedOnesStay() {
        PathResource root = new PathResource("", LwM2mPath.ROOT, (r, coap) -> handler.handle(r.path(), answered(coap.advanced())),
                observations, new ObserveSequence(System::currentTimeMillis));
        root.resolve(LwM2mPath.of(3, 0, 1)); // a Read of /3/0/1 made /3, /3/0 and /3/0/1
        ObserveRelation relation = observe(root.resolve(VALUE));
        long everythingIdle = System.currentTimeMillis() + 1;

        assertEquals("/3/0/1, /3/0 and /3 forgotten", 3, root.forgetIdle(everythingIdle));
        assertEquals(List.of("3303"), childNames(root));
        assertEquals(1, root.resolve(LwM2mPath.of(3303, 0)).getObserverCount() + root.resolve(VALUE).getObserverCount());

        root.resolve(LwM2mPath.of(4, 0)); // asked for just now: kept by a look for paths idle for a minute
        assertEquals(0, root.forgetIdle(System.currentTimeMillis() - 60_000));
        assertEquals(List.of("3303", "4"), childNames(root));

        relation.cancel(); // the server ended its observation
        assertEquals("/4/0, /4 and the formerly observed /3303/0/5700, /3303/0, /3303", 5, root.forgetIdle(System.currentTimeMillis() + 1));
        assertEquals(List.of(), childNames(root));
    }

    private static List<String> childNames(PathResource resource) {
        return resource.getChildren().stream().map(r -> r.getName()).sorted().toList();
    }

    /** The server observes VALUE (text/plain) after writing these attributes; its first answer came. */
    private void observe(String queries) {
        if (!queries.isEmpty()) {
            attributes.restore("dev-1", 1, VALUE, queries);
        }
        observe(new PathResource("5700", VALUE, (r, coap) -> handler.handle(r.path(), answered(coap.advanced())),
                observations, new ObserveSequence(System::currentTimeMillis)));
    }

    /** The server observes VALUE (text/plain) on this resource; its first answer came. */
    private ObserveRelation observe(PathResource resource) {
        return observe(resource, new byte[] { 1, 2, 3, 4 });
    }

    private ObserveRelation observe(PathResource resource, byte[] token) {
        int answered = responses.size();
        Request request = Request.newGet();
        request.setSourceContext(new AddressEndpointContext(SERVER));
        request.setToken(token);
        request.setObserve();
        request.getOptions().setUriPath("3303/0/5700");
        request.getOptions().setAccept(ContentCodec.TEXT);
        Exchange exchange = new Exchange(request, SERVER, Exchange.Origin.REMOTE, null); // no executor: every step runs on the calling thread
        ObserveRelation relation = new ObserveRelation(new ObserveManager(COAP), resource, exchange);
        exchange.setRelation(relation);
        resource.handleRequest(exchange); // the first answer, as Californium asks for it
        waitUntil(() -> responses.size() == answered + 1);
        assertEquals(21.5, valueOf(responses.get(answered)), 0.0);
        relation.setEstablished(); // as Californium does once the first answer went out
        resource.addObserveRelation(relation);
        return relation;
    }

    /** An object reports a new value of VALUE with its change. */
    private void change(double value) {
        Resource changed = Resource.of(5700, Value.of(value));
        registry.put(LwM2mPath.of(3303, 0), changed);
        observations.valuesChanged(List.of(VALUE), Map.of(VALUE, changed), Instant.now());
    }

    /** The exchange as the server sees it: each response is kept, and is sent (as a NON would be). */
    private CoapExchange answered(Exchange exchange) {
        return new CoapExchange(exchange) {
            @Override
            public void respond(Response response) {
                responses.add(response);
                if (!holdInTransit) {
                    response.getMessageObservers().forEach(o -> o.onSent(false));
                }
            }
        };
    }

    /** The server acknowledges a notification (a CON). */
    private static void acknowledge(Response response) {
        response.getMessageObservers().forEach(o -> o.onAcknowledgement());
    }

    private static double valueOf(Response response) {
        assertEquals(CoAP.ResponseCode.CONTENT, response.getCode());
        return Double.parseDouble(response.getPayloadString());
    }

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    // ---- fakes of the endpoint ----------------------------------------------------------------

    private static final ObjectModel TEMPERATURE = new ObjectModel(3303, "Temperature", "1.0", "1.0", true, false, "urn:oma:lwm2m:ext:3303",
            "", new TreeMap<>(Map.of(5700, new ResourceModel(5700, "Sensor Value", Operations.R, false, true, ResourceType.FLOAT, "", "Cel",
                    ""))));

    /** The server is reachable: notifications go to it; counts the notifications decided. */
    private final class ReachableOutbox implements Observations.Outbox {
        @Override
        public boolean holds(Registration server) {
            decided.incrementAndGet();
            return false;
        }

        @Override
        public void store(Registration server, List<StoredValue> values) {
            throw new AssertionError("the server is reachable: nothing is stored");
        }

        @Override
        public boolean storing(Registration server) {
            return true;
        }
    }

    private static final class NoRestorer implements Observations.Restorer {
        @Override
        public EndpointDeliverer.Prepared observeExchange(Registration server, StoredObservation o) {
            return null;
        }

        @Override
        public ObserveRelation establish(EndpointDeliverer.Prepared prepared, LwM2mPath path) {
            return null;
        }

        @Override
        public void keptFor(Registration server) {
        }
    }
}
