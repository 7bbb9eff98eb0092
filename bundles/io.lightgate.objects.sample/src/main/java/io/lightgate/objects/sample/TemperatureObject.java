/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.Polling;
import io.lightgate.api.object.SimpleObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 3303 (IPSO Temperature) with real data: one instance per host thermal zone
 * (instance id = zone number) or, where the host has none or the configuration asks for it,
 * simulated sensors. A single daemon thread samples every instance at the configured interval;
 * observers hear of a resource only when its value actually changed.
 *
 * <p>The bundle ships the object's DDF (header {@code LwM2M-Models: models}).
 */
@io.lightgate.api.model.RequireModels
@Component(service = LwM2mObject.class, immediate = true, configurationPid = TemperatureObject.PID)
@ObjectId(3303)
@Designate(ocd = TemperatureConfig.class)
public final class TemperatureObject extends SimpleObject {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.sample.temperature";

    private static final Logger LOG = LoggerFactory.getLogger(TemperatureObject.class);

    private final List<TemperatureInstance> instances;
    private final Polling.Polled sampler;

    /** Activates the component: finds the sensors and starts sampling. */
    @Activate
    public TemperatureObject(TemperatureConfig config, @Reference Polling polling) {
        this(config, polling, System::nanoTime);
    }

    TemperatureObject(TemperatureConfig config, Polling polling, LongSupplier nanoTime) {
        Source source = Source.parse(config.source());
        List<TemperatureSensor> sensors = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        if (source != Source.SIMULATED) {
            for (ThermalZone zone : thermalZones(config.thermalRoot())) {
                sensors.add(zone);
                ids.add(zone.number());
            }
            if (sensors.isEmpty() && source == Source.THERMAL) {
                LOG.warn("No thermal zone under {}: the Temperature object has no instances",
                        config.thermalRoot());
            }
        }
        if (source == Source.SIMULATED || (source == Source.AUTO && sensors.isEmpty())) {
            int count = Math.max(0, Math.min(config.instances(), 65536));
            for (int i = 0; i < count; i++) {
                sensors.add(new SimulatedSensor(config.mean(), config.amplitude(), config.periodSeconds(),
                        config.noise(), 2 * Math.PI * i / count, i, nanoTime));
                ids.add(i);
            }
        }

        List<TemperatureInstance> made = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            int id = ids.get(i);
            TemperatureSensor sensor = sensors.get(i);
            double first;
            try {
                first = sensor.read();
            } catch (IOException e) {
                // some ACPI zones exist but cannot be read; they are no sensor to offer
                LOG.warn("Skipping temperature sensor {}: {}", id, e.getMessage());
                continue;
            }
            TemperatureInstance instance = new TemperatureInstance(id, sensor, first, config.minRange(),
                    config.maxRange(), changed -> fireResourcesChanged(id, changed));
            made.add(instance);
            addInstance(instance.resources());
        }
        this.instances = List.copyOf(made);
        LOG.info("Temperature object: {} instance(s) from {}", instances.size(),
                source == Source.THERMAL || sensors.stream().anyMatch(ThermalZone.class::isInstance)
                        ? config.thermalRoot() : "simulation");

        long interval = Math.max(10, config.intervalMillis());
        // fixed delay: a slow sysfs read stretches the interval instead of queueing samples
        this.sampler = polling.every(Duration.ofMillis(interval), "Temperature (3303): samples", this::sampleAll);
    }

    private static List<ThermalZone> thermalZones(String root) {
        try {
            return ThermalZone.find(Path.of(root));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot list the thermal zones under {}: {}", root, e.toString());
            return List.of();
        }
    }

    /** Takes one sample of every instance; package-visible so tests can drive the clock. */
    void sampleAll() {
        for (TemperatureInstance instance : instances) {
            try {
                instance.sample();
            } catch (RuntimeException e) {
                // an exception escaping a periodic task would cancel all further sampling
                LOG.error("Sampling temperature instance " + instance.id() + " failed", e);
            }
        }
    }

    /** Stops sampling: once this returns, no sample is taken anymore. */
    @Deactivate
    void deactivate() {
        sampler.close();
    }

}
