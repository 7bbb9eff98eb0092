/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A simulated temperature: a sine around {@code mean} with the given amplitude and period,
 * plus uniform noise of at most {@code noise}, rounded to 0.01 Cel. The noise comes from a
 * generator seeded with the instance id, so runs are repeatable; instances are spread over
 * the period by {@code phase} so they do not move in step.
 */
final class SimulatedSensor implements TemperatureSensor {

    private final double mean;
    private final double amplitude;
    private final double periodSeconds;
    private final double noise;
    private final double phase;
    private final LongSupplier nanoTime;
    private final long start;
    private final Random random;

    SimulatedSensor(double mean, double amplitude, double periodSeconds, double noise, double phase, long seed,
            LongSupplier nanoTime) {
        this.mean = mean;
        this.amplitude = Math.abs(amplitude);
        this.periodSeconds = periodSeconds;
        this.noise = Math.abs(noise);
        this.phase = phase;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.random = new Random(seed);
    }

    @Override
    public double read() {
        double seconds = (nanoTime.getAsLong() - start) / 1e9;
        double wave = periodSeconds > 0 ? Math.sin(2 * Math.PI * seconds / periodSeconds + phase) : 0;
        double jitter;
        synchronized (random) {
            jitter = noise == 0 ? 0 : (random.nextDouble() * 2 - 1) * noise;
        }
        return Math.round((mean + amplitude * wave + jitter) * 100) / 100.0;
    }

    @Override
    public String applicationType() {
        return "Simulated temperature";
    }
}
