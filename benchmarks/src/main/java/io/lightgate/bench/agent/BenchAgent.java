/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench.agent;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.ObjectRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The benchmark's hands inside the framework. It configures the engine (loopback sockets)
 * before SCR starts it, then contributes virtual endpoints the way an adapter does: an
 * {@link EndpointDescriptor} service plus a Device (3) and a Connectivity Monitoring (4)
 * object per endpoint, on the whiteboard.
 *
 * <p>The launcher outside the framework shares no Lightgate type with it, so it talks through
 * a {@code java.util.function.Function<Object[], Object>} service (property
 * {@code lightgate.bench=agent}):
 * <ul>
 * <li>{@code {"add", Integer count, String prefix, Long lifetimeSeconds[, List<String> servers[, AtomicLongArray reads]]}}
 * registers endpoints {@code prefix0 .. prefix(count-1)} (with the named server configurations
 * only, when given) and answers a {@code LongConsumer[]}: consumer i sets /4/0/2 (Radio Signal
 * Strength) of endpoint i and reports the change to the registry;</li>
 * <li>{@code {"sensors", String endpoint, Integer count}} adds a Temperature object (3303) with
 * {@code count} instances to an endpoint added before and answers a {@code LongConsumer[]}: consumer k
 * sets /3303/k/5700 (Sensor Value) and reports the change (the composite-observe scenario);</li>
 * <li>{@code {"configure", String factoryPid, String name, Map properties}} creates a factory
 * configuration (the OPC UA benchmark configures its servers for the adapter this way) and
 * answers its PID; {@code {"unconfigure", String pid}} deletes it;</li>
 * <li>{@code {"remove", Long pauseMillis}} withdraws every object it added, waits
 * {@code pauseMillis}, then withdraws the endpoints (0: back to back, as an adapter bundle
 * that stops does).</li>
 * </ul>
 */
public final class BenchAgent implements BundleActivator {

    private BundleContext context;
    private final List<Runnable> objects = new ArrayList<>(); // each withdraws one object
    private final List<ServiceRegistration<?>> endpoints = new ArrayList<>();
    private ServiceRegistration<?> control;
    private ObjectRegistry registry;

    @Override
    public void start(BundleContext context) throws Exception {
        this.context = context;
        configureEngine();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("lightgate.bench", "agent");
        Function<Object[], Object> commands = this::command;
        control = context.registerService(Function.class.getName(), commands, props);
    }

    @Override
    public synchronized void stop(BundleContext context) {
        if (control != null) {
            control.unregister();
        }
        remove(0);
    }

    /** PID io.lightgate.lwm2m: what etc/io.lightgate.lwm2m.cfg would hold for a loopback benchmark. */
    private void configureEngine() throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        if (ref == null) {
            throw new IllegalStateException("ConfigurationAdmin must be started before the benchmark agent");
        }
        ConfigurationAdmin admin = context.getService(ref);
        try {
            Configuration c = admin.getConfiguration("io.lightgate.lwm2m", "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("local.address", property("bench.local.address", "127.0.0.1"));
            props.put("request.timeout.ms", Long.parseLong(property("bench.request.timeout.ms", "10000")));
            props.put("update.delay.ms", Long.parseLong(property("bench.update.delay.ms", "200")));
            String workers = context.getProperty("bench.worker.threads");
            if (workers != null && !workers.isBlank()) {
                props.put("worker.threads", Integer.parseInt(workers.strip()));
            }
            // e.g. -Dbench.engine.settings=notifications.con.every=10 (what etc/io.lightgate.lwm2m.cfg would add)
            String settings = context.getProperty("bench.engine.settings");
            for (String pair : settings == null ? new String[0] : settings.split("[,;]")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    props.put(pair.substring(0, eq).strip(), number(pair.substring(eq + 1).strip()));
                }
            }
            c.update(props);
            configureServers(admin);
        } finally {
            context.ungetService(ref);
        }
    }

    /**
     * With {@code bench.server.dtls.uri} (the DTLS density scenario), the two servers as
     * etc/io.lightgate.lwm2m.server-*.cfg files would give them instead of -Dlightgate.server.uri:
     * "plain" (coap://, the default for endpoints that name none) and "dtls" (coaps://, PSK, only
     * for endpoints that name it; identity = endpoint name, keys from {@code bench.psk.keys.file}).
     */
    private void configureServers(ConfigurationAdmin admin) throws java.io.IOException {
        String dtls = context.getProperty("bench.server.dtls.uri");
        if (dtls == null || dtls.isBlank()) {
            return;
        }
        Hashtable<String, Object> plain = new Hashtable<>();
        plain.put("name", "plain");
        plain.put("uri", context.getProperty("bench.server.plain.uri"));
        plain.put("short.server.id", 1);
        admin.getFactoryConfiguration("io.lightgate.lwm2m.server", "plain", "?").update(plain);
        Hashtable<String, Object> secure = new Hashtable<>();
        secure.put("name", "dtls");
        secure.put("uri", dtls);
        secure.put("short.server.id", 2);
        secure.put("default.server", false);
        secure.put("security.mode", "PSK");
        secure.put("psk.keys.file", context.getProperty("bench.psk.keys.file"));
        admin.getFactoryConfiguration("io.lightgate.lwm2m.server", "dtls", "?").update(secure);
    }

    private static Object number(String v) {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(v);
            } catch (NumberFormatException e2) {
                return v;
            }
        }
    }

    private String property(String key, String fallback) {
        String v = context.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** A factory configuration, as etc/&lt;factoryPid&gt;-&lt;name&gt;.cfg would make (the OPC UA benchmark's servers). */
    private Object configure(String factoryPid, String name, Map<String, Object> properties) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        try {
            Configuration c = context.getService(ref).getFactoryConfiguration(factoryPid, name, "?");
            c.update(new Hashtable<>(properties));
            return c.getPid();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            context.ungetService(ref);
        }
    }

    private Object unconfigure(String pid) {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        try {
            context.getService(ref).getConfiguration(pid, "?").delete();
            return null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            context.ungetService(ref);
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized Object command(Object[] args) {
        String what = (String) args[0];
        return switch (what) {
            case "add" -> add((Integer) args[1], (String) args[2], (Long) args[3], args.length > 4 ? (List<String>) args[4] : List.of(),
                    args.length > 5 ? (AtomicLongArray) args[5] : null);
            case "sensors" -> sensors((String) args[1], (Integer) args[2]);
            case "configure" -> configure((String) args[1], (String) args[2], (Map<String, Object>) args[3]);
            case "unconfigure" -> unconfigure((String) args[1]);
            case "remove" -> {
                remove(args.length > 1 ? (Long) args[1] : 0L);
                yield null;
            }
            default -> throw new IllegalArgumentException("unknown command " + what);
        };
    }

    /** {@code reads}, when given: element i is the highest value of endpoint i's /4/0/2 the engine has read. */
    private LongConsumer[] add(int count, String prefix, long lifetimeSeconds, List<String> servers, AtomicLongArray reads) {
        LongConsumer[] changers = new LongConsumer[count];
        for (int i = 0; i < count; i++) {
            String name = prefix + i;
            endpoints.add(context.registerService(EndpointDescriptor.class,
                    new EndpointDescriptor(name, Duration.ofSeconds(lifetimeSeconds), servers), null));
            objects.add(contribute(name, 3, device(name)));
            AtomicLong rssi = new AtomicLong();
            int index = i;
            LongSupplier reader = reads == null ? rssi::get : () -> {
                long v = rssi.get();
                reads.accumulateAndGet(index, v, Math::max);
                return v;
            };
            SimpleObject connectivity = new SimpleObject(SimpleInstance.builder(0).readsAtOnce()
                    .integer(0, () -> 0) // Network Bearer: GSM
                    .integer(2, reader) // Radio Signal Strength: the value the benchmark changes
                    .build());
            objects.add(contribute(name, 4, connectivity));
            changers[i] = value -> {
                rssi.set(value);
                connectivity.fireResourcesChanged(0, 2);
            };
        }
        return changers;
    }

    /** Temperature (3303) with {@code count} instances on {@code endpoint}; changer k sets /3303/k/5700. */
    private LongConsumer[] sensors(String endpoint, int count) {
        AtomicLongArray values = new AtomicLongArray(count);
        SimpleInstance[] instances = new SimpleInstance[count];
        for (int k = 0; k < count; k++) {
            int instance = k;
            instances[k] = SimpleInstance.builder(k).readsAtOnce()
                    .floating(5700, () -> values.get(instance)) // Sensor Value
                    .string(5701, () -> "Cel") // Sensor Units
                    .build();
        }
        SimpleObject temperature = new SimpleObject(instances);
        objects.add(contribute(endpoint, 3303, temperature));
        LongConsumer[] changers = new LongConsumer[count];
        for (int k = 0; k < count; k++) {
            int instance = k;
            changers[k] = value -> {
                values.set(instance, value);
                temperature.fireResourcesChanged(instance, 5700);
            };
        }
        return changers;
    }

    /**
     * Hands an object to the registry as an adapter with many endpoints should: directly
     * (ObjectRegistry.contribute); with -Dlightgate.bench.objects=services as one service each.
     */
    private Runnable contribute(String endpoint, int objectId, LwM2mObject object) {
        if ("services".equals(context.getProperty("lightgate.bench.objects"))) {
            ServiceRegistration<?> r = context.registerService(LwM2mObject.class, object, objectProps(objectId, endpoint));
            return () -> unregister(r);
        }
        if (registry == null) {
            registry = context.getService(context.getServiceReference(ObjectRegistry.class));
        }
        return registry.contribute(endpoint, objectId, object, 0)::withdraw;
    }

    private void remove(long pauseMillis) {
        objects.forEach(Runnable::run);
        objects.clear();
        if (pauseMillis > 0 && !endpoints.isEmpty()) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        endpoints.forEach(BenchAgent::unregister);
        endpoints.clear();
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // already gone
        }
    }

    private static Dictionary<String, Object> objectProps(int objectId, String endpoint) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(LwM2mObject.OBJECT_ID, objectId);
        p.put(LwM2mObject.ENDPOINT, endpoint);
        return p;
    }

    /** The same Device content as the Leshan baseline's (io.lightgate.bench.LeshanFleet.BenchDevice). */
    private static SimpleObject device(String endpoint) {
        return new SimpleObject(SimpleInstance.builder(0).readsAtOnce()
                .string(0, () -> "Lightgate bench")
                .string(1, () -> "bench-model")
                .string(2, () -> "SN-" + endpoint)
                .string(3, () -> "1.0.0")
                .executable(4, args -> {
                })
                .integer(9, () -> 100)
                .readableInstances(11, ResourceType.INTEGER, () -> Map.of(0, Value.of(0L)))
                .time(13, Instant::now)
                .string(14, () -> "+00:00")
                .string(15, () -> "Etc/UTC")
                .string(16, () -> "U")
                .string(17, () -> "bench")
                .build());
    }
}
