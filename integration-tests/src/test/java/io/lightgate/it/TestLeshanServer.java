/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerEndpointFactoryBuilder;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * A real Leshan server (2.0.0-M15, Californium 3.12) for tests running inside the framework
 * (provision {@link Lwm2mStack#leshanServer()}). CoAP on 127.0.0.1 and a free port, in-memory
 * stores, no file written anywhere. It records what clients do:
 * <ul>
 * <li>registration events (REGISTERED / UPDATED / DEREGISTERED) per endpoint name, with time
 * and object links, see {@link #awaitRegistration}, {@link #awaitUpdate}, {@link #awaitDeregistration};</li>
 * <li>notifications per (endpoint, path) with time and value, see {@link #awaitNotifications}.
 * The response to the Observe request itself is what {@link #send} returns, not a notification.</li>
 * </ul>
 * Every wait is bounded; a timeout fails with an {@link AssertionError} that lists what was seen.
 *
 * <pre>
 * try (TestLeshanServer server = TestLeshanServer.start()) {
 *     // point the client at server.uri()
 *     server.awaitRegistration("my-ep", Duration.ofSeconds(10));
 *     ReadResponse r = server.send("my-ep", new ReadRequest(ContentFormat.TLV, 3, 0), Duration.ofSeconds(5));
 * }
 * </pre>
 */
public final class TestLeshanServer implements AutoCloseable {

    public enum Kind {
        REGISTERED, UPDATED, DEREGISTERED
    }

    /**
     * One registration event. {@code registration} is the registration after the event (for
     * DEREGISTERED the one removed); {@code objectLinks} are its object links (for UPDATED the new
     * ones, also when the update did not carry any); {@code expired} is true when a DEREGISTERED
     * event is an expiry rather than a De-register request.
     */
    public record RegistrationEvent(Kind kind, String endpoint, Instant at, Registration registration, List<Link> objectLinks, boolean expired) {

        /** Object IDs named in the object links (e.g. 3 and 3303 for {@code </3/0>,</3303/0>}). */
        public Set<Integer> objectIds() {
            return TestLeshanServer.objectIds(objectLinks);
        }

        @Override
        public String toString() {
            return at + " " + kind + " " + endpoint + (expired ? " (expired)" : "") + " " + objectLinks.stream().map(Link::getUriReference).toList();
        }
    }

    /**
     * One notification (not the Observe response itself). {@code content} is the node at
     * {@code path} (for a composite observation: one record per path).
     */
    public record Notification(String endpoint, LwM2mPath path, Instant at, LwM2mNode content, LwM2mResponse response) {

        /** The value of a single-instance resource, e.g. "ACME" for /3/0/0; fails for other nodes. */
        public Object value() {
            if (content instanceof LwM2mSingleResource r) {
                return r.getValue();
            }
            throw new AssertionError("Notification for " + path + " carries " + content + ", not a single resource value");
        }

        @Override
        public String toString() {
            return at + " " + endpoint + " " + path + " " + content;
        }
    }

    /** Customises a server before it starts. */
    public static final class Builder {
        private String name = "leshan";
        private final List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        private Duration expirationCheck = Duration.ofSeconds(1);
        private Consumer<Configuration> coap = c -> {
        };
        private Consumer<CaliforniumServerEndpointsProvider.Builder> endpoints = e -> {
        };
        private Consumer<LeshanServerBuilder> leshan = b -> {
        };
        private final DtlsRecorder dtls = new DtlsRecorder();
        private int coapsPort;
        private int coapPort;
        private org.eclipse.californium.scandium.dtls.SessionStore dtlsSessions;

        private Builder() {
        }

        /** A name for messages (e.g. "A", "B"). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Object models beyond Leshan's built-in core objects (0–7, 21, all their versions), e.g. from ObjectLoader.loadDdfFile; matched by object ID and version (ver= in the registration, else 1.0). */
        public Builder models(Collection<ObjectModel> extra) {
            models.addAll(extra);
            return this;
        }

        /** How often expired registrations are removed (Leshan's default is 60 s; here 1 s). */
        public Builder expirationCheck(Duration period) {
            this.expirationCheck = period;
            return this;
        }

        /** Changes to the Californium configuration (MAX_RESOURCE_BODY_SIZE is already 1 MiB). */
        public Builder coapConfig(Consumer<Configuration> changes) {
            this.coap = changes;
            return this;
        }

        /** Extra endpoints (e.g. COAPS with a security store set through {@link #leshan}). */
        public Builder endpoints(Consumer<CaliforniumServerEndpointsProvider.Builder> changes) {
            this.endpoints = changes;
            return this;
        }

        /** Anything else on the LeshanServerBuilder (security store, authorizer, ...). */
        public Builder leshan(Consumer<LeshanServerBuilder> changes) {
            this.leshan = changes;
            return this;
        }

        /**
         * A coaps:// endpoint too, accepting the clients of {@code store}; {@code identity} sets the
         * server's own key or certificate chain (nothing for PSK only).
         */
        public Builder coaps(org.eclipse.leshan.server.security.SecurityStore store, Consumer<LeshanServerBuilder> identity) {
            // the connector reports its handshakes and records to dtls() (see DtlsRecorder)
            this.endpoints = e -> e.addEndpoint(new CoapsServerEndpointFactoryBuilder().setURI(new InetSocketAddress("127.0.0.1", coapsPort))
                    .setDtlsConnectorConfig(b -> {
                        b.setSessionListener(dtls.sessionListener());
                        b.setConnectionListener(dtls.connectionListener());
                        if (dtlsSessions != null) {
                            b.setSessionStore(dtlsSessions);
                        }
                    }).build());
            this.leshan = b -> {
                b.setSecurityStore(store);
                identity.accept(b);
            };
            return this;
        }

        /** The coap:// endpoint's port (default 0, a free one), e.g. for a server that is stopped and started again where a client knows it. */
        public Builder coapPort(int port) {
            this.coapPort = port;
            return this;
        }

        /** The coaps:// endpoint's port (with {@link #coaps}; default 0, a free one), e.g. to start a server again where a client knows it. */
        public Builder coapsPort(int port) {
            this.coapsPort = port;
            return this;
        }

        /**
         * Where the coaps:// endpoint keeps DTLS sessions beyond its connections (with {@link #coaps}):
         * a server started again with the same store resumes sessions of the one before, as a server
         * with a shared session cache does.
         */
        public Builder dtlsSessionStore(org.eclipse.californium.scandium.dtls.SessionStore sessions) {
            this.dtlsSessions = sessions;
            return this;
        }

        public TestLeshanServer start() {
            // COAPS too, so that a test may add a DTLS endpoint through endpoints(...)
            CaliforniumServerEndpointsProvider.Builder epb = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider(),
                    new org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider());
            // always an explicit Configuration: Configuration.getStandard() would write Californium3.properties
            Configuration cfg = epb.createDefaultConfiguration();
            cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024 * 1024);
            coap.accept(cfg);
            epb.setConfiguration(cfg);
            epb.addEndpoint(new InetSocketAddress("127.0.0.1", coapPort), Protocol.COAP);
            endpoints.accept(epb);

            LeshanServerBuilder sb = new LeshanServerBuilder();
            sb.setEndpointsProviders(epb.build());
            sb.setRegistrationStore(new InMemoryRegistrationStore(Math.max(1, expirationCheck.toSeconds())));
            sb.setObjectModelProvider(new VersionedModelProvider(models));
            leshan.accept(sb);
            return new TestLeshanServer(name, sb.build(), dtls);
        }
    }

    private final String name;
    private final LeshanServer server;
    private final Object lock = new Object();
    private final Map<String, List<RegistrationEvent>> events = new HashMap<>();
    private final Map<String, List<Notification>> notifications = new HashMap<>();
    private final List<String> observationErrors = new ArrayList<>();
    private final List<Map.Entry<String, org.eclipse.leshan.core.node.TimestampedLwM2mNodes>> sent = new ArrayList<>();
    private final DtlsRecorder dtls;
    private boolean destroyed;

    private TestLeshanServer(String name, LeshanServer server, DtlsRecorder dtls) {
        this.name = name;
        this.server = server;
        this.dtls = dtls;
        server.getRegistrationService().addListener(new Registrations());
        server.getObservationService().addListener(new Observations());
        server.getSendService().addListener(new org.eclipse.leshan.server.send.SendListener() {
            @Override
            public void dataReceived(Registration registration, org.eclipse.leshan.core.node.TimestampedLwM2mNodes data,
                    org.eclipse.leshan.core.request.SendRequest request) {
                synchronized (lock) {
                    sent.add(Map.entry(registration.getEndpoint(), data));
                    lock.notifyAll();
                }
            }

            @Override
            public void onError(Registration registration, String errorMessage, Exception error) {
                synchronized (lock) {
                    observationErrors.add("send from " + (registration == null ? "?" : registration.getEndpoint()) + ": " + errorMessage);
                    lock.notifyAll();
                }
            }
        });
        server.start();
    }

    /** A value of a Send taken by {@link #recordRawSends()}: its resolved SenML name (with any prefix), time and value. */
    public record RawSent(String name, Instant time, Object value) {
    }

    private final List<RawSent> rawSent = new ArrayList<>();

    /**
     * From now on Sends (POST /dp, SenML CBOR or JSON) are answered 2.04 and recorded as their SenML records, in
     * place of Leshan's own Send handling: Leshan 2.0.0-M15 parses every SenML name as an LwM2M path and refuses
     * the names of a device behind an LwM2M Gateway ({@code /dev1/3303/0/5700}) with 4.00.
     */
    public void recordRawSends() {
        org.eclipse.californium.core.CoapServer coap = server.getEndpointsProvider().stream()
                .filter(CaliforniumServerEndpointsProvider.class::isInstance).map(CaliforniumServerEndpointsProvider.class::cast)
                .findFirst().orElseThrow().getCoapServer();
        coap.add(new org.eclipse.californium.core.CoapResource("dp") {
            @Override
            public void handlePOST(org.eclipse.californium.core.server.resources.CoapExchange exchange) {
                try {
                    boolean cbor = exchange.getRequestOptions().getContentFormat() == 112;
                    org.eclipse.leshan.senml.SenMLPack pack = cbor
                            ? new org.eclipse.leshan.senml.cbor.upokecenter.SenMLCborUpokecenterEncoderDecoder().fromSenML(exchange.getRequestPayload())
                            : new org.eclipse.leshan.senml.json.jackson.SenMLJsonJacksonEncoderDecoder().fromSenML(exchange.getRequestPayload());
                    var resolver = new org.eclipse.leshan.senml.SenMLResolver<org.eclipse.leshan.senml.ResolvedSenMLRecord>() {
                        @Override
                        protected org.eclipse.leshan.senml.ResolvedSenMLRecord createResolvedRecord(org.eclipse.leshan.senml.SenMLRecord r,
                                String name, java.math.BigDecimal time) {
                            return new org.eclipse.leshan.senml.ResolvedSenMLRecord(r, name, time);
                        }
                    };
                    List<RawSent> values = new ArrayList<>();
                    for (org.eclipse.leshan.senml.SenMLRecord record : pack.getRecords()) {
                        var resolved = resolver.resolve(record);
                        java.math.BigDecimal t = resolved.getTimeStamp();
                        values.add(new RawSent(resolved.getName(), t == null ? null
                                : Instant.ofEpochMilli(t.movePointRight(3).longValue()), record.getResourceValue()));
                    }
                    synchronized (lock) {
                        rawSent.addAll(values);
                        lock.notifyAll();
                    }
                    exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED);
                } catch (Exception e) {
                    exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.BAD_REQUEST, e.toString());
                }
            }
        });
    }

    /** What {@link #recordRawSends()} took so far, in arrival order. */
    public List<RawSent> rawSent() {
        synchronized (lock) {
            return List.copyOf(rawSent);
        }
    }

    /** A started server with the defaults. */
    public static TestLeshanServer start() {
        return builder().start();
    }

    /** A started server with the defaults and a name for messages. */
    public static TestLeshanServer start(String name) {
        return builder().name(name).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public LeshanServer server() {
        return server;
    }

    public String name() {
        return name;
    }

    /** coap://127.0.0.1:port */
    public URI uri() {
        return uri(Protocol.COAP);
    }

    public URI uri(Protocol protocol) {
        return server.getEndpoint(protocol).getURI();
    }

    /** What the coaps:// endpoint's DTLS connector saw (handshakes, traffic); empty without {@link Builder#coaps}. */
    public DtlsRecorder dtls() {
        return dtls;
    }

    /** The coaps:// endpoint's Scandium connector (e.g. to make it forget its connections and sessions). */
    public org.eclipse.californium.scandium.DTLSConnector dtlsConnector() {
        var endpoint = (org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint) server.getEndpoint(Protocol.COAPS);
        return (org.eclipse.californium.scandium.DTLSConnector) endpoint.getCoapEndpoint().getConnector();
    }

    public InetSocketAddress address() {
        URI u = uri();
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The current registration of an endpoint, or null. */
    public Registration registration(String endpoint) {
        return server.getRegistrationService().getByEndpoint(endpoint);
    }

    // ---- registration events ------------------------------------------------------------

    /** All registration events of an endpoint so far, oldest first. */
    public List<RegistrationEvent> events(String endpoint) {
        synchronized (lock) {
            return List.copyOf(events.getOrDefault(endpoint, List.of()));
        }
    }

    /** All registration events of all endpoints so far. */
    public List<RegistrationEvent> allEvents() {
        synchronized (lock) {
            return events.values().stream().flatMap(List::stream).sorted((a, b) -> a.at().compareTo(b.at())).toList();
        }
    }

    /** Forgets recorded events and notifications (e.g. before the next step of a test). */
    public void clear() {
        synchronized (lock) {
            events.clear();
            notifications.clear();
            observationErrors.clear();
        }
    }

    /** The first recorded event (oldest first) of that kind for the endpoint that matches, waiting for it. */
    public RegistrationEvent awaitEvent(String endpoint, Kind kind, Predicate<RegistrationEvent> matches, Duration timeout) throws InterruptedException {
        return await(timeout, () -> {
            for (RegistrationEvent e : events.getOrDefault(endpoint, List.of())) {
                if (e.kind() == kind && matches.test(e)) {
                    return e;
                }
            }
            return null;
        }, () -> kind + " of " + endpoint + "; events: " + events.getOrDefault(endpoint, List.of()));
    }

    /** Waits for a REGISTERED event of the endpoint; returns the latest registration. */
    public Registration awaitRegistration(String endpoint, Duration timeout) throws InterruptedException {
        awaitEvent(endpoint, Kind.REGISTERED, e -> true, timeout);
        synchronized (lock) {
            List<RegistrationEvent> list = events.get(endpoint);
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).kind() == Kind.REGISTERED) {
                    return list.get(i).registration();
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The first UPDATED event of the endpoint whose (new) object links match. */
    public RegistrationEvent awaitUpdate(String endpoint, Predicate<List<Link>> links, Duration timeout) throws InterruptedException {
        return awaitEvent(endpoint, Kind.UPDATED, e -> links.test(e.objectLinks()), timeout);
    }

    /** The first DEREGISTERED event (De-register request or expiry) of the endpoint. */
    public RegistrationEvent awaitDeregistration(String endpoint, Duration timeout) throws InterruptedException {
        return awaitEvent(endpoint, Kind.DEREGISTERED, e -> true, timeout);
    }

    /** Predicate for {@link #awaitUpdate}: the links name that object. */
    public static Predicate<List<Link>> hasObject(int objectId) {
        return links -> objectIds(links).contains(objectId);
    }

    /** Predicate for {@link #awaitUpdate}: the links do not name that object. */
    public static Predicate<List<Link>> lacksObject(int objectId) {
        return links -> !objectIds(links).contains(objectId);
    }

    /** Predicate for {@link #awaitUpdate}: the links name that object instance, e.g. {@code </3303/1>}. */
    public static Predicate<List<Link>> hasInstance(int objectId, int instanceId) {
        return links -> links.stream().map(l -> numbers(l.getUriReference())).anyMatch(n -> n.size() >= 2 && n.get(0) == objectId && n.get(1) == instanceId);
    }

    /** The object IDs in CoRE links such as {@code </3303/0>} (a leading alternate path is skipped). */
    public static Set<Integer> objectIds(Collection<Link> links) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (Link l : links) {
            List<Integer> n = numbers(l.getUriReference());
            if (!n.isEmpty()) {
                ids.add(n.get(0));
            }
        }
        return ids;
    }

    private static List<Integer> numbers(String uriReference) {
        List<Integer> out = new ArrayList<>();
        for (String segment : uriReference.split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                out.add(Integer.parseInt(segment));
            } else if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    // ---- requests -----------------------------------------------------------------------

    /**
     * Sends a request to the endpoint's current registration and waits for the response.
     * Leshan throws org.eclipse.leshan.core.request.exception.TimeoutException when none comes.
     */
    public <T extends LwM2mResponse> T send(String endpoint, DownlinkRequest<T> request, Duration timeout) throws InterruptedException {
        Registration reg = registration(endpoint);
        if (reg == null) {
            throw new AssertionError("Server " + name + ": " + endpoint + " is not registered; events: " + events(endpoint));
        }
        return server.send(reg, request, timeout.toMillis());
    }

    public <T extends LwM2mResponse> T send(String endpoint, DownlinkRequest<T> request, long timeoutMillis) throws InterruptedException {
        return send(endpoint, request, Duration.ofMillis(timeoutMillis));
    }

    // ---- notifications ------------------------------------------------------------------

    /** Notifications received for (endpoint, path) so far, oldest first; path like "/3/0/0". */
    public List<Notification> notifications(String endpoint, String path) {
        return notifications(endpoint, new LwM2mPath(path));
    }

    public List<Notification> notifications(String endpoint, LwM2mPath path) {
        synchronized (lock) {
            return List.copyOf(notifications.getOrDefault(key(endpoint, path), List.of()));
        }
    }

    /** Waits until at least {@code count} notifications arrived for (endpoint, path); returns all of them. */
    public List<Notification> awaitNotifications(String endpoint, String path, int count, Duration timeout) throws InterruptedException {
        return awaitNotifications(endpoint, new LwM2mPath(path), count, timeout);
    }

    public List<Notification> awaitNotifications(String endpoint, LwM2mPath path, int count, Duration timeout) throws InterruptedException {
        String key = key(endpoint, path);
        return await(timeout, () -> {
            List<Notification> list = notifications.getOrDefault(key, List.of());
            return list.size() >= count ? List.copyOf(list) : null;
        }, () -> count + " notification(s) for " + key + "; got " + notifications.getOrDefault(key, List.of())
                + (observationErrors.isEmpty() ? "" : "; observation errors: " + observationErrors));
    }

    /** Errors Leshan reported for observations (undecodable notifications etc.). */
    /** Data the endpoint pushed with LwM2M 1.1 Send, oldest first; waits until there are {@code count}. */
    public List<org.eclipse.leshan.core.node.TimestampedLwM2mNodes> awaitSent(String endpoint, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<org.eclipse.leshan.core.node.TimestampedLwM2mNodes> mine = sent.stream().filter(e -> e.getKey().equals(endpoint))
                        .map(Map.Entry::getValue).toList();
                if (mine.size() >= count) {
                    return mine;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Server " + name + ": no " + count + " Send(s) from " + endpoint + " within " + timeout
                            + "; got " + mine + ", errors " + observationErrors);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Data the endpoint pushed with LwM2M 1.1 Send so far, oldest first. */
    public List<org.eclipse.leshan.core.node.TimestampedLwM2mNodes> sent(String endpoint) {
        synchronized (lock) {
            return sent.stream().filter(e -> e.getKey().equals(endpoint)).map(Map.Entry::getValue).toList();
        }
    }

    public List<String> observationErrors() {
        synchronized (lock) {
            return List.copyOf(observationErrors);
        }
    }

    private static String key(String endpoint, LwM2mPath path) {
        return endpoint + " " + path;
    }

    // ---- lifecycle ----------------------------------------------------------------------

    /** Stops the endpoints (a stopped server can be started again with {@code server().start()}). */
    public void stop() {
        server.stop();
    }

    /** Stops and releases everything (threads, sockets). Idempotent. */
    public void destroy() {
        synchronized (lock) {
            if (destroyed) {
                return;
            }
            destroyed = true;
        }
        server.destroy();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "TestLeshanServer " + name + " " + uri();
    }

    // ---- internals ----------------------------------------------------------------------

    /** Polls {@code probe} under the lock (woken by every recorded event) until it returns non-null. */
    private <T> T await(Duration timeout, Supplier<T> probe, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                T result = probe.get();
                if (result != null) {
                    return result;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Server " + name + ": timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
                }
                // bounded: woken by new events, else re-checks at least every 100 ms
                lock.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
    }

    private void record(RegistrationEvent e) {
        synchronized (lock) {
            events.computeIfAbsent(e.endpoint(), k -> new ArrayList<>()).add(e);
            lock.notifyAll();
        }
    }

    private void record(Notification n) {
        synchronized (lock) {
            notifications.computeIfAbsent(key(n.endpoint(), n.path()), k -> new ArrayList<>()).add(n);
            lock.notifyAll();
        }
    }

    private static List<Link> links(Registration reg) {
        Link[] links = reg == null ? null : reg.getObjectLinks();
        return links == null ? List.of() : List.of(links);
    }

    private final class Registrations implements RegistrationListener {
        @Override
        public void registered(Registration reg, Registration previousReg, Collection<Observation> previousObservations) {
            record(new RegistrationEvent(Kind.REGISTERED, reg.getEndpoint(), Instant.now(), reg, links(reg), false));
        }

        @Override
        public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
            record(new RegistrationEvent(Kind.UPDATED, updatedReg.getEndpoint(), Instant.now(), updatedReg, links(updatedReg), false));
        }

        @Override
        public void unregistered(Registration reg, Collection<Observation> observations, boolean expired, Registration newReg) {
            record(new RegistrationEvent(Kind.DEREGISTERED, reg.getEndpoint(), Instant.now(), reg, links(reg), expired));
        }
    }

    private final class Observations implements ObservationListener {
        @Override
        public void newObservation(Observation observation, Registration registration) {
        }

        @Override
        public void cancelled(Observation observation) {
        }

        @Override
        public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
            record(new Notification(registration.getEndpoint(), observation.getPath(), Instant.now(), response.getContent(), response));
        }

        @Override
        public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
            Instant now = Instant.now();
            Map<LwM2mPath, LwM2mNode> content = response.getContent();
            if (content != null) {
                content.forEach((path, node) -> record(new Notification(registration.getEndpoint(), path, now, node, response)));
            }
        }

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {
            synchronized (lock) {
                observationErrors.add((registration == null ? "?" : registration.getEndpoint()) + " " + observation + ": " + error);
                lock.notifyAll();
            }
        }
    }
}
