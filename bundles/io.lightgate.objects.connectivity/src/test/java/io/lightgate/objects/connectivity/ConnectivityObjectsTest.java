/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.NetworkTraffic;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import io.lightgate.registry.SharedPolling;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Objects 4 and 7 as the registry sees them: resources, reads, executes, writes, change reports. */
public class ConnectivityObjectsTest {

    /** The gateway's polling, as the bundle gets it; at one poll an hour the test looks again by hand. */
    private final SharedPolling polling = new SharedPolling();

    @After
    public void stopPolling() {
        polling.deactivate();
    }

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName() + values;
                default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            };
        }));
    }

    static Resource read(LwM2mObject o, int resource) {
        return o.read(0, resource).toCompletableFuture().join();
    }

    /** The engine's side of NetworkTraffic, reduced to handing packets to the subscribers. */
    static final class Packets implements NetworkTraffic {
        final List<PacketListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public Totals totals() {
            return Totals.NONE;
        }

        @Override
        public Subscription subscribe(PacketListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void send(int bytes) {
            listeners.forEach(l -> l.sent(bytes));
        }

        void receive(int bytes) {
            listeners.forEach(l -> l.received(bytes));
        }
    }

    static final class Recorder implements ObjectListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void resourcesChanged(int instanceId, int... resourceIds) {
            events.add("changed " + java.util.Arrays.toString(resourceIds));
        }

        @Override
        public void instancesChanged() {
            events.add("instances");
        }
    }

    @Test
    public void monitoringChangesShapeWhenTheBearerBecomesWifi() throws Exception {
        Path procNet = folder.newFolder("proc").toPath();
        Path sys = folder.newFolder("sys").toPath();
        Files.writeString(procNet.resolve("route"), ProcNetSamples.ROUTE);
        Files.writeString(procNet.resolve("wireless"), ProcNetSamples.WIRELESS);
        HostNetworkTest.sysfs(sys, "eth0", 1, false);
        HostNetworkTest.sysfs(sys, "wlp2s0", 1, true);
        AtomicReference<List<HostNetwork.Interface>> up = new AtomicReference<>(List.of(
                HostNetworkTest.iface("eth0", 2, false, "192.0.2.10"), HostNetworkTest.iface("wlp2s0", 3, false, "198.51.100.23")));
        ConnectivityMonitoringObject monitoring = new ConnectivityMonitoringObject(
                config(MonitoringConfig.class, Map.of("pollSeconds", 3600L)), polling, new HostNetwork(procNet, sys, up::get));
        try {
            Recorder recorder = new Recorder();
            monitoring.setListener(recorder);
            assertEquals("no radio on Ethernet, so no resource 2 or 3", Set.of(0, 1, 4, 5), monitoring.resourceIds(0));
            assertEquals(Value.of(41), read(monitoring, 0).value());
            assertEquals(Map.of(0, Value.of("192.0.2.10"), 1, Value.of("198.51.100.23")), read(monitoring, 4).instances());
            assertEquals(Map.of(0, Value.of("192.0.2.254"), 1, Value.of("198.51.100.1")), read(monitoring, 5).instances());
            CompletionException absent = assertThrows(CompletionException.class, () -> read(monitoring, 2));
            assertEquals(ResponseCode.NOT_FOUND, ((LwM2mException) absent.getCause()).code());

            monitoring.lookAgain();
            assertEquals("nothing changed, nothing told", List.of(), recorder.events);

            up.set(List.of(HostNetworkTest.iface("wlp2s0", 3, false, "198.51.100.23")));
            monitoring.lookAgain();
            assertEquals(Set.of(0, 1, 2, 3, 4, 5), monitoring.resourceIds(0));
            assertEquals(Value.of(-56), read(monitoring, 2).value());
            assertEquals(Value.of(54), read(monitoring, 3).value());
            assertEquals(Value.of(21), read(monitoring, 0).value());
            assertTrue(recorder.events.toString(), recorder.events.contains("instances"));

            recorder.events.clear();
            up.set(List.of(HostNetworkTest.iface("wlp2s0", 3, false, "198.51.100.24")));
            monitoring.lookAgain();
            assertEquals(List.of("changed [4]"), recorder.events);
        } finally {
            monitoring.deactivate();
        }
    }

    @Test
    public void statisticsCountFromStartUntilStopAndTheirPeriodIsWritable() {
        Packets packets = new Packets();
        ConnectivityStatisticsObject stats = new ConnectivityStatisticsObject(packets, config(StatisticsConfig.class, Map.of()));
        assertEquals("no SMS counters", Set.of(2, 3, 4, 5, 6, 7, 8), stats.resourceIds(0));
        packets.send(1200);
        packets.receive(2800);
        assertEquals(Value.of(1), read(stats, 2).value());
        assertEquals(Value.of(2), read(stats, 3).value());
        assertEquals(Value.of(2800), read(stats, 4).value());
        assertEquals(Value.of(2000), read(stats, 5).value());

        stats.execute(0, 7, ExecuteArguments.NONE).toCompletableFuture().join();
        packets.send(5000);
        assertEquals("stopped: the figures stay", Value.of(1), read(stats, 2).value());

        stats.execute(0, 6, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals("started: reset", Value.of(0), read(stats, 4).value());
        packets.send(3000);
        assertEquals(Value.of(3), read(stats, 2).value());

        stats.write(0, List.of(Resource.of(8, Value.of(60))), WriteMode.UPDATE).toCompletableFuture().join();
        assertEquals(Value.of(60), read(stats, 8).value());
        CompletionException negative = assertThrows(CompletionException.class,
                () -> stats.write(0, List.of(Resource.of(8, Value.of(-5))), WriteMode.UPDATE).toCompletableFuture().join());
        assertEquals(ResponseCode.BAD_REQUEST, ((LwM2mException) negative.getCause()).code());
        assertEquals(Value.of(60), read(stats, 8).value());

        stats.deactivate();
        assertEquals("unsubscribed on deactivation", List.of(), packets.listeners);
    }

    @Test
    public void withoutCollectingFromStartupEverythingReadsZeroUntilStart() {
        Packets packets = new Packets();
        ConnectivityStatisticsObject stats = new ConnectivityStatisticsObject(packets,
                config(StatisticsConfig.class, Map.of("collectFromStartup", false)));
        packets.send(4000);
        assertEquals(Value.of(0), read(stats, 2).value());
        stats.execute(0, 6, ExecuteArguments.NONE).toCompletableFuture().join();
        packets.send(4000);
        assertEquals(Value.of(4), read(stats, 2).value());
        stats.deactivate();
    }
}
