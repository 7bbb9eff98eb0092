/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.eclipse.leshan.core.LwM2mId.DEVICE;
import static org.eclipse.leshan.core.LwM2mId.SECURITY;
import static org.eclipse.leshan.core.LwM2mId.SERVER;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A real Leshan client (2.0.0-M15) for tests of the local server: Device (3) with a Reboot that
 * counts, and any number of Light Control (3311) lamps whose state the test can read and change.
 * The 3311 model comes from the io.lightgate.models.oma bundle (the OMA DDF it ships).
 */
public final class LeshanTestClient implements AutoCloseable {

    public static final int SHORT_SERVER_ID = 123;

    private final LeshanClient client;
    private final TestDevice device;
    private final List<Lamp> lamps;
    private final CountDownLatch registered = new CountDownLatch(1);

    private LeshanTestClient(String endpoint, Security security, int lampCount, boolean bootstrap) {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        models.addAll(lightControlModel());
        ObjectsInitializer objects = new ObjectsInitializer(new StaticModel(models));
        objects.setInstancesForObject(SECURITY, security);
        if (bootstrap) {
            objects.setClassForObject(SERVER, Server.class);
        } else {
            objects.setInstancesForObject(SERVER, new Server(SHORT_SERVER_ID, 300));
        }
        device = new TestDevice();
        objects.setInstancesForObject(DEVICE, device);
        lamps = new ArrayList<>();
        for (int i = 0; i < lampCount; i++) {
            lamps.add(new Lamp());
        }
        List<Integer> ids = new ArrayList<>(List.of(SECURITY, SERVER, DEVICE));
        if (lampCount > 0) {
            objects.setInstancesForObject(3311, lamps.toArray(new Lamp[0]));
            ids.add(3311);
        }
        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(
                new CoapClientProtocolProvider(), new CoapsClientProtocolProvider());
        try {
            endpoints.setClientAddress(InetAddress.getByName("127.0.0.1"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(objects.create(ids.stream().mapToInt(Integer::intValue).toArray()));
        builder.setEndpointsProviders(endpoints.build());
        client = builder.build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationSuccess(LwM2mServer server, org.eclipse.leshan.core.request.RegisterRequest request, String registrationId) {
                registered.countDown();
            }
        });
    }

    /** A client registering (no security) to this server URI. */
    public static LeshanTestClient start(String endpoint, String serverUri, int lamps) {
        return started(new LeshanTestClient(endpoint, Security.noSec(serverUri, SHORT_SERVER_ID), lamps, false));
    }

    /** A client registering over DTLS with a pre-shared key. */
    public static LeshanTestClient startPsk(String endpoint, String coapsUri, String identity, byte[] key, int lamps) {
        return started(new LeshanTestClient(endpoint, Security.psk(coapsUri, SHORT_SERVER_ID,
                identity.getBytes(java.nio.charset.StandardCharsets.UTF_8), key), lamps, false));
    }

    /** A client registering over DTLS with a raw public key, pinning the server's key. */
    public static LeshanTestClient startRpk(String endpoint, String coapsUri, java.security.KeyPair clientKeys, byte[] serverPublicKey, int lamps) {
        return started(new LeshanTestClient(endpoint, Security.rpk(coapsUri, SHORT_SERVER_ID, clientKeys.getPublic().getEncoded(),
                clientKeys.getPrivate().getEncoded(), serverPublicKey), lamps, false));
    }

    /** A client registering over DTLS with an X.509 certificate, expecting exactly this server certificate. */
    public static LeshanTestClient startX509(String endpoint, String coapsUri, java.security.cert.X509Certificate certificate,
            java.security.PrivateKey key, java.security.cert.X509Certificate serverCertificate, int lamps) throws Exception {
        return started(new LeshanTestClient(endpoint, Security.x509(coapsUri, SHORT_SERVER_ID, certificate.getEncoded(), key.getEncoded(),
                serverCertificate.getEncoded()), lamps, false));
    }

    /** A client that knows only a bootstrap server and learns its LwM2M server from it. */
    public static LeshanTestClient startBootstrap(String endpoint, String bootstrapUri, int lamps) {
        return started(new LeshanTestClient(endpoint, Security.noSecBootstrap(bootstrapUri), lamps, true));
    }

    private static LeshanTestClient started(LeshanTestClient c) {
        c.client.start();
        return c;
    }

    /** Waits until the client has registered (bounded). */
    public LeshanTestClient awaitRegistered(Duration timeout) throws InterruptedException {
        if (!registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the Leshan client did not register within " + timeout);
        }
        return this;
    }

    public Lamp lamp(int index) {
        return lamps.get(index);
    }

    public int reboots() {
        return device.reboots.get();
    }

    @Override
    public void close() {
        client.destroy(true);
    }

    private static List<ObjectModel> lightControlModel() {
        Bundle server = null;
        for (Bundle b : FrameworkUtil.getBundle(LeshanTestClient.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals("io.lightgate.models.oma")) {
                server = b;
            }
        }
        if (server == null) {
            throw new IllegalStateException("io.lightgate.models.oma is not installed: it ships the 3311 model the lamps need");
        }
        URL ddf = server.getEntry("models/3311.xml");
        try (InputStream in = ddf.openStream()) {
            return ObjectLoader.loadDdfFile(in, "3311.xml");
        } catch (Exception e) {
            throw new IllegalStateException("cannot load 3311.xml from io.lightgate.models.oma: " + e, e);
        }
    }

    /** Device (3): a few identity resources and a Reboot (4) that only counts. */
    public static final class TestDevice extends BaseInstanceEnabler {
        final AtomicInteger reboots = new AtomicInteger();

        public TestDevice() {
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            switch (resourceId) {
                case 0: return ReadResponse.success(resourceId, "Acme Lamps");
                case 1: return ReadResponse.success(resourceId, "Streetlight 9000");
                case 2: return ReadResponse.success(resourceId, "SN-42");
                case 11: return ReadResponse.success(resourceId, Map.of(0, 0L), Type.INTEGER);
                case 16: return ReadResponse.success(resourceId, "U");
                default: return super.read(server, resourceId);
            }
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId == 4) {
                reboots.incrementAndGet();
                return ExecuteResponse.success();
            }
            return super.execute(server, resourceId, arguments);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(0, 1, 2, 4, 11, 16);
        }
    }

    /** Light Control (3311): On/Off (5850), Dimmer (5851), and the read-only Cumulative active power (5805). */
    public static final class Lamp extends BaseInstanceEnabler {
        private volatile boolean on = true;
        private volatile long dimmer = 100;

        public Lamp() {
        }

        public boolean on() {
            return on;
        }

        public long dimmer() {
            return dimmer;
        }

        /** Changes the dimmer at the device, as a user turning a knob would: observers get notified. */
        public void dim(long value) {
            dimmer = value;
            fireResourceChange(5851);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            switch (resourceId) {
                case 5850: return ReadResponse.success(resourceId, on);
                case 5851: return ReadResponse.success(resourceId, dimmer);
                case 5805: return ReadResponse.success(resourceId, 12.5d);
                default: return super.read(server, resourceId);
            }
        }

        @Override
        public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
            switch (resourceId) {
                case 5850:
                    on = (Boolean) value.getValue();
                    fireResourceChange(5850);
                    return WriteResponse.success();
                case 5851:
                    dimmer = (Long) value.getValue();
                    fireResourceChange(5851);
                    return WriteResponse.success();
                default:
                    return super.write(server, replace, resourceId, value);
            }
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(5850, 5851, 5805);
        }
    }
}
