/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * The Leshan server (2.0.0-M15, plain classpath) both implementations register with: CoAP and
 * CoAP over DTLS (PSK, for the DTLS density scenario) on 127.0.0.1 and free ports, in-memory
 * stores, the OMA core models. It sends the Reads and Observes and hands every notification's
 * value to the current {@link Sink}.
 */
final class BenchServer implements AutoCloseable {

    /** Receives notifications of single-resource observations. */
    interface Sink {
        void notified(String endpoint, long value);

        /** One notification carrying several values, oldest first (SenML): by default each as if notified alone. */
        default void notifiedMany(String endpoint, List<Long> values) {
            values.forEach(v -> notified(endpoint, v));
        }

        /** One notification of an Observe-Composite on Sensor Values: /3303/k/5700 by k (the composite scenario). */
        default void notifiedComposite(String endpoint, Map<Integer, Long> sensorValues) {
        }

        /** A value of /4/0/2 that arrived in an LwM2M Send (store-and-forward), with its timestamp. */
        default void sent(String endpoint, long value, java.time.Instant timestamp) {
        }
    }

    /** Received messages are forgotten after this long (plus at most the 1 s sweep interval). */
    static final int SWEPT_AFTER_SECONDS = 5;

    private final LeshanServer server;
    private final InMemorySecurityStore security = new InMemorySecurityStore();
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final AtomicLong observationErrors = new AtomicLong();
    private volatile Sink sink = (e, v) -> {
    };

    BenchServer() {
        this(0, true);
    }

    /**
     * A server that can be stopped and started again ({@link #stop()}, {@link #start()}): CoAP only,
     * on a fixed port (a stopped Californium endpoint bound to port 0 would bind a new port when
     * started again), with the same registration and observation stores across the restart.
     */
    static BenchServer restartable() throws java.io.IOException {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        return new BenchServer(port, false);
    }

    /** The format notifications come in: TLV, or SenML CBOR, which carries several timestamped values per notification. */
    static final ContentFormat FORMAT = "senml-cbor".equalsIgnoreCase(System.getProperty("bench.notify.format", "tlv"))
            ? ContentFormat.SENML_CBOR : ContentFormat.TLV;

    private BenchServer(int coapPort, boolean withDtls) {
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider(),
                new CoapsServerProtocolProvider());
        // an explicit Configuration: Configuration.getStandard() would write Californium3.properties
        Configuration coap = endpoints.createDefaultConfiguration();
        // Deduplication state of received messages would otherwise live 247 s (EXCHANGE_LIFETIME)
        // and 145 s (NON_LIFETIME): the state of one scenario's 10k reads and tens of thousands of
        // notifications would still be in the heap, or just being swept, when the next scenario
        // measures its heap. Short lifetimes and a settle time let every scenario start clean.
        // Nothing here loses messages; retransmissions on loopback are rare and quick.
        // -Dbench.server.dedup=default keeps Californium's (a real Leshan server's): every message ID
        // received is taken as a duplicate for 247 s, NON ones too
        if (!"default".equals(System.getProperty("bench.server.dedup", "short"))) {
            coap.set(CoapConfig.EXCHANGE_LIFETIME, SWEPT_AFTER_SECONDS, TimeUnit.SECONDS);
            coap.set(CoapConfig.NON_LIFETIME, SWEPT_AFTER_SECONDS, TimeUnit.SECONDS);
            coap.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 1, TimeUnit.SECONDS);
        }
        endpoints.setConfiguration(coap);
        endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", coapPort), Protocol.COAP);
        if (withDtls) {
            endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS);
        }
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationStore(new InMemoryRegistrationStore());
        builder.setSecurityStore(security);
        builder.setObjectModelProvider(new VersionedModelProvider(TemperatureModel.withDefaults()));
        server = builder.build();
        server.getObservationService().addListener(new Notifications());
        server.getSendService().addListener(new Sends());
        server.start();
    }

    /** Takes the server off the network (sockets closed); registrations and observations stay in its stores. */
    void stop() {
        server.stop();
    }

    /** Back on the network, on the same port, with the registrations and observations it had. */
    void start() {
        server.start();
    }

    URI uri() {
        return server.getEndpoint(Protocol.COAP).getURI();
    }

    /** The DTLS (coaps://) endpoint: clients with a pre-shared key from {@link #allowPsk}. */
    URI secureUri() {
        return server.getEndpoint(Protocol.COAPS).getURI();
    }

    /** Lets {@code endpoint} register over DTLS with its name as PSK identity and this key. */
    void allowPsk(String endpoint, byte[] key) {
        try {
            security.add(SecurityInfo.newPreSharedKeyInfo(endpoint, endpoint, key));
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalArgumentException("PSK for " + endpoint + " given twice", e);
        }
    }

    void sink(Sink sink) {
        this.sink = sink;
    }

    long observationErrors() {
        return observationErrors.get();
    }

    /** How many of the endpoints are registered and announce every one of the objects. */
    int registered(List<String> endpoints, int... objectIds) {
        int count = 0;
        for (String ep : endpoints) {
            Registration r = server.getRegistrationService().getByEndpoint(ep);
            if (r != null && hasObjects(r, objectIds)) {
                registrations.put(ep, r);
                count++;
            }
        }
        return count;
    }

    private static boolean hasObjects(Registration r, int... objectIds) {
        Map<Integer, ?> supported = r.getSupportedObject();
        for (int id : objectIds) {
            if (supported == null || !supported.containsKey(id)) {
                return false;
            }
        }
        return true;
    }

    /** Waits (bounded) until every endpoint is registered with the objects; returns how many are. */
    int awaitRegistered(List<String> endpoints, Duration timeout, int... objectIds) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + 5_000_000_000L;
        int n;
        while ((n = registered(endpoints, objectIds)) < endpoints.size() && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextProgress) {
                nextProgress += 5_000_000_000L;
                long any = endpoints.stream().filter(ep -> server.getRegistrationService().getByEndpoint(ep) != null).count();
                System.out.printf(Locale.ROOT, "#     after %.0f s: %d of %d registered with objects %s, %d registered at all%n",
                        (System.nanoTime() - started) / 1e9, n, endpoints.size(), Arrays.toString(objectIds), any);
            }
            Thread.sleep(50);
        }
        return n;
    }

    /** The id of the endpoint's current registration, null when it is not registered. */
    String registrationId(String endpoint) {
        Registration r = server.getRegistrationService().getByEndpoint(endpoint);
        return r == null ? null : r.getId();
    }

    /** Waits (bounded) until none of the endpoints is registered; returns how many still are. */
    int awaitGone(Collection<String> endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int left = 0;
            for (String ep : endpoints) {
                if (server.getRegistrationService().getByEndpoint(ep) != null) {
                    left++;
                }
            }
            if (left == 0 || System.nanoTime() >= deadline) {
                endpoints.forEach(registrations::remove);
                return left;
            }
            Thread.sleep(50);
        }
    }

    /** Read /3/0 in TLV; true on 2.05 Content. */
    boolean readDevice(String endpoint, long timeoutMillis) {
        Registration r = registrations.get(endpoint);
        if (r == null) {
            return false;
        }
        try {
            ReadResponse response = server.send(r, new ReadRequest(ContentFormat.TLV, 3, 0), timeoutMillis);
            return response != null && response.isSuccess();
        } catch (Exception e) {
            return false;
        }
    }

    /** Observe /4/0/2 in TLV (or -Dbench.notify.format=senml-cbor); true when the observation is established. */
    boolean observeSignal(String endpoint, long timeoutMillis) {
        Registration r = registrations.get(endpoint);
        if (r == null) {
            return false;
        }
        try {
            ObserveResponse response = server.send(r, new ObserveRequest(FORMAT, 4, 0, 2), timeoutMillis);
            return response != null && response.isSuccess();
        } catch (Exception e) {
            return false;
        }
    }

    /** Observe-Composite on /3303/k/5700 for k below {@code count}, in SenML CBOR; true when established. */
    boolean observeSensors(String endpoint, int count, long timeoutMillis) {
        Registration r = server.getRegistrationService().getByEndpoint(endpoint);
        if (r == null) {
            return false;
        }
        List<org.eclipse.leshan.core.node.LwM2mPath> paths = new java.util.ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            paths.add(new org.eclipse.leshan.core.node.LwM2mPath(TemperatureModel.OBJECT_ID, k, TemperatureModel.SENSOR_VALUE));
        }
        try {
            var response = server.send(r, new org.eclipse.leshan.core.request.ObserveCompositeRequest(ContentFormat.SENML_CBOR,
                    ContentFormat.SENML_CBOR, paths), timeoutMillis);
            return response != null && response.isSuccess();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class Sends implements org.eclipse.leshan.server.send.SendListener {
        private final org.eclipse.leshan.core.node.LwM2mPath signal = new org.eclipse.leshan.core.node.LwM2mPath(4, 0, 2);

        @Override
        public void dataReceived(Registration registration, org.eclipse.leshan.core.node.TimestampedLwM2mNodes data,
                org.eclipse.leshan.core.request.SendRequest request) {
            for (java.time.Instant t : data.getTimestamps()) { // oldest first
                if (data.getNodesAt(t).get(signal) instanceof LwM2mSingleResource r && r.getValue() instanceof Long value) {
                    sink.sent(registration.getEndpoint(), value, t);
                }
            }
        }

        @Override
        public void onError(Registration registration, String errorMessage, Exception error) {
            observationErrors.incrementAndGet();
        }
    }

    private final class Notifications implements ObservationListener {
        @Override
        public void newObservation(Observation observation, Registration registration) {
        }

        @Override
        public void cancelled(Observation observation) {
        }

        @Override
        public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
            var timestamped = response.getTimestampedLwM2mNodes();
            if (timestamped != null && timestamped.size() > 1) {
                // SenML: one notification may carry several timestamped values (oldest first)
                List<Long> values = new java.util.ArrayList<>();
                for (var node : timestamped) {
                    if (node.getNode() instanceof LwM2mSingleResource r && r.getValue() instanceof Long value) {
                        values.add(value);
                    }
                }
                sink.notifiedMany(registration.getEndpoint(), values);
            } else if (response.getContent() instanceof LwM2mSingleResource r && r.getValue() instanceof Long value) {
                sink.notified(registration.getEndpoint(), value);
            } else {
                observationErrors.incrementAndGet();
            }
        }

        @Override
        public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
            Map<Integer, Long> values = new java.util.HashMap<>();
            if (response.getContent() != null) {
                response.getContent().forEach((path, node) -> {
                    if (path.getObjectId() == TemperatureModel.OBJECT_ID && node instanceof LwM2mSingleResource r
                            && r.getValue() instanceof Double d) {
                        values.put(path.getObjectInstanceId(), Math.round(d));
                    }
                });
            }
            if (values.isEmpty()) {
                observationErrors.incrementAndGet();
            } else {
                sink.notifiedComposite(registration.getEndpoint(), values);
            }
        }

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {
            observationErrors.incrementAndGet();
        }
    }
}
