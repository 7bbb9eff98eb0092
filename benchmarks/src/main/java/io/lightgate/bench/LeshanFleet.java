/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import static org.eclipse.leshan.core.LwM2mId.CONNECTIVITY_MONITORING;
import static org.eclipse.leshan.core.LwM2mId.DEVICE;
import static org.eclipse.leshan.core.LwM2mId.SECURITY;
import static org.eclipse.leshan.core.LwM2mId.SERVER;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;

/**
 * The baseline: one Leshan 2.0.0-M15 client ({@link LeshanClient}, Californium endpoints) per
 * endpoint, as the Leshan API is meant to be used, with the same objects and values as the
 * Lightgate endpoints. In fairness to Leshan, every client shares one object model and one
 * Californium {@link Configuration} (as Lightgate's endpoints do); threads are Leshan's
 * defaults (no shared executor).
 */
final class LeshanFleet implements Fleet {

    private static final int SHORT_SERVER_ID = 123;

    private final URI serverUri;
    private final LwM2mModel model = new StaticModel(TemperatureModel.withDefaults());
    private final Configuration coap = new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider())
            .createDefaultConfiguration();
    private final List<LeshanClient> clients = new ArrayList<>();
    private final java.util.Map<String, LeshanClient> byName = new java.util.HashMap<>();
    private final List<Connectivity> connectivity = new ArrayList<>();

    LeshanFleet(URI serverUri) {
        this.serverUri = serverUri;
    }

    @Override
    public String label() {
        return "Leshan client";
    }

    @Override
    public String name(int count, int index) {
        return "lc-" + count + "-" + index;
    }

    @Override
    public void start(int count) throws Exception {
        start(count, null);
    }

    @Override
    public void start(int count, java.util.concurrent.atomic.AtomicLongArray reads) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < count; i++) {
            String name = name(count, i);
            ObjectsInitializer objects = new ObjectsInitializer(model);
            objects.setInstancesForObject(SECURITY, Security.noSec(serverUri.toString(), SHORT_SERVER_ID));
            objects.setInstancesForObject(SERVER, new Server(SHORT_SERVER_ID, 300));
            objects.setInstancesForObject(DEVICE, new BenchDevice(name));
            Connectivity c = new Connectivity(reads, i);
            objects.setInstancesForObject(CONNECTIVITY_MONITORING, c);
            List<LwM2mObjectEnabler> enablers = objects.create(SECURITY, SERVER, DEVICE, CONNECTIVITY_MONITORING);

            CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider());
            endpoints.setConfiguration(coap);
            endpoints.setClientAddress(loopback);
            LeshanClientBuilder builder = new LeshanClientBuilder(name);
            builder.setObjects(enablers);
            builder.setEndpointsProviders(endpoints.build());
            LeshanClient client = builder.build();
            clients.add(client);
            byName.put(name, client);
            connectivity.add(c);
            client.start();
        }
    }

    @Override
    public void change(int index, long value) {
        connectivity.get(index).set(value);
    }

    @Override
    public void stop() {
        for (LeshanClient c : clients) {
            try {
                c.destroy(true);
            } catch (RuntimeException e) {
                System.err.println("Leshan client destroy failed: " + e);
            }
        }
        clients.clear();
        byName.clear();
        connectivity.clear();
    }

    @Override
    public java.util.function.LongConsumer[] sensors(String name, int count) {
        LeshanClient client = byName.get(name);
        if (client == null) {
            throw new IllegalArgumentException("no Leshan client " + name);
        }
        Sensor[] sensors = new Sensor[count];
        for (int k = 0; k < count; k++) {
            sensors[k] = new Sensor();
            sensors[k].setId(k);
        }
        ObjectsInitializer objects = new ObjectsInitializer(model);
        objects.setInstancesForObject(TemperatureModel.OBJECT_ID, sensors);
        client.getObjectTree().addObjectEnabler(objects.create(TemperatureModel.OBJECT_ID)); // Leshan sends an Update
        java.util.function.LongConsumer[] setters = new java.util.function.LongConsumer[count];
        for (int k = 0; k < count; k++) {
            setters[k] = sensors[k]::set;
        }
        return setters;
    }

    /** Temperature (3303): Sensor Value and Units, as the Lightgate endpoints' (BenchAgent.sensors). */
    public static final class Sensor extends BaseInstanceEnabler {
        private static final List<Integer> RESOURCES = List.of(TemperatureModel.SENSOR_VALUE, TemperatureModel.SENSOR_UNITS);
        private final AtomicLong value = new AtomicLong();

        void set(long v) {
            value.set(v);
            fireResourceChange(TemperatureModel.SENSOR_VALUE);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case TemperatureModel.SENSOR_VALUE -> ReadResponse.success(resourceId, (double) value.get());
                case TemperatureModel.SENSOR_UNITS -> ReadResponse.success(resourceId, "Cel");
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return RESOURCES;
        }
    }

    /** Device (3): the same resources and values as the Lightgate endpoints' (BenchAgent.device). */
    // public with a public no-argument constructor: ObjectsInitializer insists (it would use it on Create)
    public static final class BenchDevice extends BaseInstanceEnabler {
        private static final List<Integer> RESOURCES = List.of(0, 1, 2, 3, 4, 9, 11, 13, 14, 15, 16, 17);
        private final String serial;

        public BenchDevice() {
            this("?");
        }

        BenchDevice(String endpoint) {
            this.serial = "SN-" + endpoint;
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 0 -> ReadResponse.success(resourceId, "Lightgate bench");
                case 1 -> ReadResponse.success(resourceId, "bench-model");
                case 2 -> ReadResponse.success(resourceId, serial);
                case 3 -> ReadResponse.success(resourceId, "1.0.0");
                case 9 -> ReadResponse.success(resourceId, 100L);
                case 11 -> ReadResponse.success(resourceId, Map.of(0, 0L), Type.INTEGER);
                case 13 -> ReadResponse.success(resourceId, new Date());
                case 14 -> ReadResponse.success(resourceId, "+00:00");
                case 15 -> ReadResponse.success(resourceId, "Etc/UTC");
                case 16 -> ReadResponse.success(resourceId, "U");
                case 17 -> ReadResponse.success(resourceId, "bench");
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            return resourceId == 4 ? ExecuteResponse.success() : super.execute(server, resourceId, arguments);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return RESOURCES;
        }
    }

    /** Connectivity Monitoring (4): Network Bearer and the Radio Signal Strength the benchmark changes. */
    public static final class Connectivity extends BaseInstanceEnabler {
        private static final List<Integer> RESOURCES = List.of(0, 2);
        private final AtomicLong rssi = new AtomicLong();
        private final java.util.concurrent.atomic.AtomicLongArray reads;
        private final int index;

        public Connectivity() {
            this(null, 0);
        }

        Connectivity(java.util.concurrent.atomic.AtomicLongArray reads, int index) {
            this.reads = reads;
            this.index = index;
        }

        private long readSignal() {
            long v = rssi.get();
            if (reads != null) {
                reads.accumulateAndGet(index, v, Math::max);
            }
            return v;
        }

        void set(long value) {
            rssi.set(value);
            fireResourceChange(2);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 0 -> ReadResponse.success(resourceId, 0L);
                case 2 -> ReadResponse.success(resourceId, readSignal());
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return RESOURCES;
        }
    }
}
