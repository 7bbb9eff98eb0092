/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Register, Update, De-register and the resumed registration of one endpoint with one server, without
 * a socket: the requests go to a recording {@link ServerLink} that answers as a server would.
 */
public class RegistrationTest {

    private static final URI SERVER = URI.create("coap://127.0.0.1:5683");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private ScheduledExecutorService scheduler;
    private ClientStateStore store;
    private final List<Request> sent = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile String links = "</1/0>,</3/0>";
    // how the fake server answers each request
    private volatile Function<Request, Response> server = RegistrationTest::accepting;

    @Before
    public void setUp() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        store = new ClientStateStore(folder.newFolder("state").toPath());
    }

    @After
    public void tearDown() {
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    public void registerCarriesTheEndpointNameLifetimeBindingAndObjectLinks() {
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));

        r.start();

        assertEquals(1, sent.size());
        Request register = sent.get(0);
        assertEquals(CoAP.Code.POST, register.getCode());
        assertEquals("rd", register.getOptions().getUriPathString());
        assertEquals(List.of("ep=dev-1", "lt=300", "lwm2m=1.1", "b=U"), register.getOptions().getUriQuery());
        assertEquals(MediaTypeRegistry.APPLICATION_LINK_FORMAT, register.getOptions().getContentFormat());
        assertEquals("</1/0>,</3/0>", register.getPayloadString());
        assertEquals(Registration.State.REGISTERED, r.state());
        assertEquals("/rd/5a3f", r.location());
        assertEquals(List.of("afresh", "reachable", "registered"), events);
    }

    @Test
    public void theServersLifetimeAndQueueModeGoIntoTheRegister() {
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 120, "UQ", 0, 0));

        r.start();

        assertEquals(List.of("ep=dev-1", "lt=120", "lwm2m=1.1", "b=U", "Q"), sent.get(0).getOptions().getUriQuery());
    }

    @Test
    public void aChangedTreeIsToldByAnUpdateWithTheNewLinksAndAnUnchangedOneIsNot() {
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));
        r.start();

        r.treeChanged("</1/0>,</3/0>");
        assertEquals(1, sent.size());

        links = "</1/0>,</3/0>,</3303/0>";
        r.treeChanged(links);
        assertEquals(2, sent.size());
        Request update = sent.get(1);
        assertEquals(CoAP.Code.POST, update.getCode());
        assertEquals("rd/5a3f", update.getOptions().getUriPathString());
        assertEquals("</1/0>,</3/0>,</3303/0>", update.getPayloadString());
        assertEquals(Registration.State.REGISTERED, r.state());
    }

    @Test
    public void stopDeregistersAndForgetsTheStoredRegistration() throws Exception {
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));
        r.start();
        assertTrue(store.registration("dev-1", 1, SERVER).isPresent());

        r.stop().get();

        Request deregister = sent.get(sent.size() - 1);
        assertEquals(CoAP.Code.DELETE, deregister.getCode());
        assertEquals("rd/5a3f", deregister.getOptions().getUriPathString());
        assertEquals(Registration.State.STOPPED, r.state());
        assertFalse(store.registration("dev-1", 1, SERVER).isPresent());
    }

    @Test
    public void aRefusedRegisterIsRetriedAndTheEndpointToldTheServerIsUnreachable() {
        server = request -> new Response(CoAP.ResponseCode.FORBIDDEN);
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));

        r.start();

        assertEquals(Registration.State.WAITING_RETRY, r.state());
        assertEquals(1, r.failures());
        assertTrue(r.lastError(), r.lastError().contains("4.03"));
        assertTrue(events.toString(), events.contains("unreachable") && events.contains("failed"));
        server = RegistrationTest::accepting;
        waitUntil(() -> r.state() == Registration.State.REGISTERED);
        assertEquals("rd", sent.get(sent.size() - 1).getOptions().getUriPathString());
    }

    @Test
    public void aRegistrationStoredBeforeARestartIsResumedWithAnUpdate() throws Exception {
        store.rememberRegistration("dev-1", 1, SERVER, new StoredRegistration("/rd/old", Instant.now(), Duration.ofSeconds(300)));
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));

        r.start();

        Request update = sent.get(0);
        assertEquals(CoAP.Code.POST, update.getCode());
        assertEquals("rd/old", update.getOptions().getUriPathString());
        assertEquals("</1/0>,</3/0>", update.getPayloadString());
        assertEquals(Registration.State.REGISTERED, r.state());
        assertEquals("/rd/old", r.location());
        assertEquals(List.of("restore", "registered", "reachable"), events);
    }

    @Test
    public void aResumedRegistrationTheServerForgotRegistersAfresh() throws Exception {
        store.rememberRegistration("dev-1", 1, SERVER, new StoredRegistration("/rd/old", Instant.now(), Duration.ofSeconds(300)));
        server = request -> request.getOptions().getUriPathString().equals("rd/old") ? new Response(CoAP.ResponseCode.NOT_FOUND)
                : accepting(request);
        Registration r = registration(new ServerDefinition("main", SERVER, 1, true, 0, "U", 0, 0));

        r.start();

        assertEquals(2, sent.size());
        assertEquals("rd", sent.get(1).getOptions().getUriPathString());
        assertEquals(Registration.State.REGISTERED, r.state());
        assertEquals("/rd/5a3f", r.location());
    }

    // ---- fakes --------------------------------------------------------------------------------

    private Registration registration(ServerDefinition definition) {
        Registration.Setup setup = new Registration.Setup("dev-1", Duration.ofSeconds(300), () -> links,
                ssid -> new RetryPolicy(100, Duration.ofMillis(50), null, 1), store);
        ServerLink link = (request, to) -> {
            sent.add(request);
            return CompletableFuture.completedFuture(server.apply(request));
        };
        return new Registration(definition, setup, link, new Registration.Events() {
            @Override
            public void registeredAfresh(Registration r) {
                events.add("afresh");
            }

            @Override
            public void registered(Registration r) {
                events.add("registered");
            }

            @Override
            public void restoreObservations(Registration r) {
                events.add("restore");
            }

            @Override
            public void serverReachable(Registration r) {
                events.add("reachable");
            }

            @Override
            public void serverUnreachable(Registration r, String why) {
                events.add("unreachable");
            }

            @Override
            public void registrationFailed() {
                events.add("failed");
            }
        }, scheduler);
    }

    /** A server that takes every Register (at /rd/5a3f), Update and De-register. */
    private static Response accepting(Request request) {
        if (request.getCode() == CoAP.Code.DELETE) {
            return new Response(CoAP.ResponseCode.DELETED);
        }
        if (request.getOptions().getUriPathString().equals("rd")) {
            Response created = new Response(CoAP.ResponseCode.CREATED);
            created.getOptions().setLocationPath("rd/5a3f");
            return created;
        }
        return new Response(CoAP.ResponseCode.CHANGED);
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
}
