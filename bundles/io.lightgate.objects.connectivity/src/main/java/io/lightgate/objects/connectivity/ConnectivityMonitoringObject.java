/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.Polling;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 4 (Connectivity Monitoring), single instance 0, on the real host: bearer and
 * available bearers, IP addresses, default routers and, on a WLAN the kernel reports on,
 * signal strength and link quality. What the host does not show is left out of the instance
 * (Radio Signal Strength on Ethernet, APN and cell data without a modem) rather than filled
 * with a made-up number; the instance changes shape when the host does.
 */
@Component(service = LwM2mObject.class, immediate = true, configurationPid = ConnectivityMonitoringObject.PID)
@ObjectId(4)
@Designate(ocd = MonitoringConfig.class)
public final class ConnectivityMonitoringObject extends SimpleObject {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.connectivity.monitoring";

    static final int NETWORK_BEARER = 0;
    static final int AVAILABLE_BEARERS = 1;
    static final int SIGNAL_STRENGTH = 2;
    static final int LINK_QUALITY = 3;
    static final int IP_ADDRESSES = 4;
    static final int ROUTER_ADDRESSES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityMonitoringObject.class);

    private final HostNetwork host;
    private final AtomicReference<NetworkSnapshot> last = new AtomicReference<>();
    private final Polling.Polled poll;

    /** Activates the component on the host's network. */
    @Activate
    public ConnectivityMonitoringObject(MonitoringConfig config, @Reference Polling polling) {
        this(config, polling, HostNetwork.ofHost());
    }

    ConnectivityMonitoringObject(MonitoringConfig config, Polling polling, HostNetwork host) {
        this.host = host;
        NetworkSnapshot now = host.read();
        last.set(now);
        addInstance(instance(now.shape()));
        describe(now);
        long seconds = Math.max(1, config.pollSeconds());
        poll = polling.every(Duration.ofSeconds(seconds), "Connectivity Monitoring (4/0): the host's network", this::lookAgain);
    }

    /** Stops looking at the host. */
    @Deactivate
    void deactivate() {
        poll.close();
    }

    /** Reads the host again and tells observers what changed (also called by the tests). */
    void lookAgain() {
        try {
            NetworkSnapshot now = host.read();
            NetworkSnapshot before = last.getAndSet(now);
            if (!now.shape().equals(before.shape())) {
                LOG.info("Connectivity Monitoring (4/0) changes with the host: bearer {}, signal strength {}",
                        now.bearer().isPresent() ? now.bearer().getAsInt() : "unknown",
                        now.signalDbm().isPresent() ? now.signalDbm().getAsInt() + " dBm" : "not reported");
                addInstance(instance(now.shape()));
                fireResourcesChanged(0);
                return;
            }
            List<Integer> changed = new ArrayList<>();
            if (!now.bearer().equals(before.bearer())) {
                changed.add(NETWORK_BEARER);
            }
            if (!now.availableBearers().equals(before.availableBearers())) {
                changed.add(AVAILABLE_BEARERS);
            }
            if (!now.signalDbm().equals(before.signalDbm())) {
                changed.add(SIGNAL_STRENGTH);
            }
            if (!now.linkQuality().equals(before.linkQuality())) {
                changed.add(LINK_QUALITY);
            }
            if (!now.ipAddresses().equals(before.ipAddresses())) {
                changed.add(IP_ADDRESSES);
            }
            if (!now.routers().equals(before.routers())) {
                changed.add(ROUTER_ADDRESSES);
            }
            if (!changed.isEmpty()) {
                fireResourcesChanged(0, changed.stream().mapToInt(Integer::intValue).toArray());
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the host's network for 4/0 failed; the next look is in the next period: {}", e.toString());
        }
    }

    private SimpleInstance instance(NetworkSnapshot.Shape shape) {
        SimpleInstance.Builder b = SimpleInstance.builder(0).readsAtOnce(); // from the last polled snapshot
        if (shape.bearer()) {
            b.readable(NETWORK_BEARER, ResourceType.INTEGER, () -> Value.of(present(NetworkSnapshot::bearer, "Network Bearer")));
        }
        b.readableInstances(AVAILABLE_BEARERS, ResourceType.INTEGER, () -> instances(current().availableBearers(), Value::of));
        if (shape.signal()) {
            b.readable(SIGNAL_STRENGTH, ResourceType.INTEGER, () -> Value.of(present(NetworkSnapshot::signalDbm, "Radio Signal Strength")));
        }
        if (shape.linkQuality()) {
            b.readable(LINK_QUALITY, ResourceType.INTEGER, () -> Value.of(present(NetworkSnapshot::linkQuality, "Link Quality")));
        }
        b.readableInstances(IP_ADDRESSES, ResourceType.STRING, () -> instances(current().ipAddresses(), Value::of));
        b.readableInstances(ROUTER_ADDRESSES, ResourceType.STRING, () -> instances(current().routers(), Value::of));
        return b.build();
    }

    // every read asks the host: an address that came or went shows at once, not a period later
    private NetworkSnapshot current() {
        return host.read();
    }

    private long present(Function<NetworkSnapshot, OptionalInt> value, String name) {
        OptionalInt v = value.apply(current());
        if (v.isEmpty()) {
            throw LwM2mException.notFound(name + " is no longer reported by the host; 4/0 drops it at its next look");
        }
        return v.getAsInt();
    }

    private static <T> Map<Integer, Value> instances(List<T> values, Function<T, Value> toValue) {
        Map<Integer, Value> out = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            out.put(i, toValue.apply(values.get(i)));
        }
        return out;
    }

    private static void describe(NetworkSnapshot s) {
        LOG.info("Connectivity Monitoring (4/0): bearer {}, available {}, addresses {}, routers {}, {}",
                s.bearer().isPresent() ? s.bearer().getAsInt() : "unknown (left out: no interface the host tells the kind of)",
                s.availableBearers(), s.ipAddresses(), s.routers(),
                s.signalDbm().isPresent() ? "signal " + s.signalDbm().getAsInt() + " dBm" : "no radio signal reported (resource 2 left out)");
    }
}
