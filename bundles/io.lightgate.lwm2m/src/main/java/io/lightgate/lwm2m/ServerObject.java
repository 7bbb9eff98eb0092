/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The LwM2M Server object (1) of one endpoint: an instance per server the endpoint registers
 * with, backed by that {@link Registration}. It goes through the registry like any object,
 * so Read, Write, Execute, Discover and Observe of /1 behave as for every other object; the
 * engine's semantics sit behind the resources: Lifetime and Binding writes send an Update,
 * Disable de-registers for the Disable Timeout, Registration Update Trigger sends an Update,
 * the default periods feed the observations' pmin/pmax.
 */
final class ServerObject extends SimpleObject {

    private final Map<Registration, Integer> instanceIds = PerServer.map();
    private final Map<Registration, long[]> disableTimeouts = PerServer.map();
    private final Map<Registration, boolean[]> storing = PerServer.map();

    /** Adds the instance of a registration; instance ids are the lowest free ones. */
    synchronized void add(Registration r) {
        int id = nextFreeId();
        instanceIds.put(r, id);
        disableTimeouts.put(r, new long[] { 86_400 });
        storing.put(r, new boolean[] { true });
        addInstance(instance(id, r));
    }

    /** Notification Storing When Disabled or Offline (resource 6) of a registration's instance; true by default. */
    boolean storing(Registration r) {
        return storing.getOrDefault(r, new boolean[] { true })[0];
    }

    /** The short server id of the server an instance describes, or null. */
    Integer shortServerIdOf(int instanceId) {
        return instanceIds.entrySet().stream().filter(e -> e.getValue() == instanceId).map(e -> e.getKey().server().shortServerId())
                .findFirst().orElse(null);
    }

    synchronized void remove(Registration r) {
        Integer id = instanceIds.remove(r);
        disableTimeouts.remove(r);
        storing.remove(r);
        if (id != null) {
            removeInstance(id);
        }
    }

    private SimpleInstance instance(int id, Registration r) {
        return SimpleInstance.builder(id)
                .integer(0, () -> r.server().shortServerId())
                .writable(1, ResourceType.INTEGER, () -> Value.of(r.lifetimeSeconds()), v -> {
                    if (v.asLong() < 1) {
                        throw new IllegalArgumentException("lifetime must be at least 1 s, was " + v.asLong());
                    }
                    r.setLifetimeAndBinding(v.asLong(), r.binding());
                })
                .writable(2, ResourceType.INTEGER, () -> Value.of(r.defaultPmin()), v -> r.setDefaultPeriods(nonNegative(v, "Default Minimum Period"), r.defaultPmax()))
                .writable(3, ResourceType.INTEGER, () -> Value.of(r.defaultPmax()), v -> r.setDefaultPeriods(r.defaultPmin(), nonNegative(v, "Default Maximum Period")))
                .executable(4, args -> r.disable(Duration.ofSeconds(disableTimeouts.getOrDefault(r, new long[] { 86_400 })[0])))
                .writable(5, ResourceType.INTEGER, () -> Value.of(disableTimeouts.getOrDefault(r, new long[] { 86_400 })[0]),
                        v -> disableTimeouts.computeIfAbsent(r, k -> new long[1])[0] = nonNegative(v, "Disable Timeout"))
                .writable(6, ResourceType.BOOLEAN, () -> Value.of(storing.getOrDefault(r, new boolean[] { true })[0]),
                        v -> storing.computeIfAbsent(r, k -> new boolean[1])[0] = v.asBoolean())
                .writable(7, ResourceType.STRING, () -> Value.of(r.binding()), v -> {
                    String binding = v.asString().strip();
                    if (!List.of("U", "UQ").contains(binding)) {
                        throw new IllegalArgumentException("binding '" + binding + "' is not supported; this client offers U (and UQ)");
                    }
                    r.setLifetimeAndBinding(r.lifetimeSeconds(), binding);
                })
                .executable(8, args -> {
                    if (!args.isEmpty()) {
                        throw LwM2mException.badRequest("Registration Update Trigger takes no arguments");
                    }
                    r.triggerUpdate();
                })
                .build();
    }

    private static long nonNegative(Value v, String what) {
        if (v.asLong() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + v.asLong());
        }
        return v.asLong();
    }
}
