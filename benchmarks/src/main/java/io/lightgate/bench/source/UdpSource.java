/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench.source;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A value source outside the gateway's process for the outage benchmark's kill -9 variant
 * (NothingLostBench): dropped into the exported gateway's load/, it contributes a virtual
 * endpoint {@code bench.source.endpoint} (default "src-0") with Device (3) and Connectivity
 * Monitoring (4), and listens on 127.0.0.1:{@code bench.source.port}. Each datagram carries one
 * value (8 bytes, big endian): it becomes /4/0/2 and the change is reported, as an adapter
 * reports a change of its machine. The answer (16 bytes) carries the value and the highest value
 * the engine has read so far, so the benchmark knows what reached the gateway at all (nothing
 * does while the process is killed) and what was replaced before it was read.
 */
public final class UdpSource implements BundleActivator {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private DatagramSocket socket;
    private Thread thread;

    @Override
    public void start(BundleContext context) throws SocketException {
        String name = property(context, "bench.source.endpoint", "src-0");
        int port = Integer.parseInt(property(context, "bench.source.port", "0"));
        AtomicLong rssi = new AtomicLong();
        AtomicLong lastRead = new AtomicLong();
        SimpleObject connectivity = new SimpleObject(SimpleInstance.builder(0).integer(0, () -> 0).integer(2, () -> {
            long v = rssi.get();
            lastRead.accumulateAndGet(v, Math::max);
            return v;
        }).build());
        SimpleObject device = new SimpleObject(SimpleInstance.builder(0).string(0, () -> "Lightgate bench").string(1, () -> "udp-source")
                .string(2, () -> "SN-" + name).string(16, () -> "U").build());
        registrations.add(context.registerService(EndpointDescriptor.class, new EndpointDescriptor(name, Duration.ofSeconds(300), List.of()),
                null));
        registrations.add(context.registerService(LwM2mObject.class, device, props(3, name)));
        registrations.add(context.registerService(LwM2mObject.class, connectivity, props(4, name)));
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        thread = new Thread(() -> {
            byte[] in = new byte[8];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    socket.receive(p);
                    long value = ByteBuffer.wrap(in).getLong();
                    rssi.set(value);
                    connectivity.fireResourcesChanged(0, 2);
                    byte[] ack = ByteBuffer.allocate(16).putLong(value).putLong(lastRead.get()).array();
                    socket.send(new DatagramPacket(ack, ack.length, p.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // closed on stop, or one datagram failed: the benchmark counts what was answered
                }
            }
        }, "bench-udp-source");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        socket.close();
        thread.join(5000);
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private static String property(BundleContext context, String key, String fallback) {
        String v = context.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static Hashtable<String, Object> props(int objectId, String endpoint) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(LwM2mObject.OBJECT_ID, objectId);
        p.put(LwM2mObject.ENDPOINT, endpoint);
        return p;
    }
}
