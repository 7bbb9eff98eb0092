/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import java.util.Random;

/**
 * The simulated machines' state and physics, free of OPC UA: the namespace reads and writes
 * it, {@link #step(double)} moves it on. Guarded by this.
 */
final class Machines {

    static final double MAX_SPEED_RPM = 3000;
    static final double MAX_OVEN_SETPOINT = 400;
    /** The ovens' thermocouples measure up to here (their EURange). */
    static final double MAX_OVEN_TEMPERATURE = 500;

    private final Random random = new Random();

    /** An oven whose temperature drifts towards its setpoint with noise. */
    static final class Oven {
        double temperature;
        double setpoint;
        /** A broken thermocouple: the temperature is reported with a Bad status. */
        boolean sensorFault;

        Oven(double temperature, double setpoint) {
            this.temperature = temperature;
            this.setpoint = setpoint;
        }
    }

    final Oven oven1 = new Oven(21.0, 180.0);
    final Oven oven2 = new Oven(21.0, 220.0);

    // motor
    double speedRpm;
    double speedSetpointRpm = 1200;
    boolean running = true;

    // part counter, counting while the motor runs
    long parts;
    private double partFraction;

    // conveyor belt (m/s), under the Objects folder itself
    double beltSpeed = 0.5;

    // compressor (no hand mapping: found by auto-browse)
    float pressureBar = 6.0f;
    boolean compressorRunning = true;
    long operatingSeconds;
    private double secondFraction;

    synchronized void step(double seconds) {
        for (Oven o : new Oven[] { oven1, oven2 }) {
            o.temperature += (o.setpoint - o.temperature) * Math.min(1, 0.05 * seconds) + random.nextGaussian() * 0.2;
        }
        double target = running ? speedSetpointRpm : 0;
        speedRpm += (target - speedRpm) * Math.min(1, 0.5 * seconds);
        if (Math.abs(target - speedRpm) < 0.5) {
            speedRpm = target;
        }
        if (running) {
            // one part every 100 revolutions
            partFraction += speedRpm / 60.0 * seconds / 100.0;
            long whole = (long) partFraction;
            parts = (parts + whole) & 0xFFFFFFFFL;
            partFraction -= whole;
        }
        if (compressorRunning) {
            pressureBar = (float) Math.max(0, pressureBar + (6.5 - pressureBar) * 0.2 * seconds + random.nextGaussian() * 0.05);
            secondFraction += seconds;
            long whole = (long) secondFraction;
            operatingSeconds += whole;
            secondFraction -= whole;
        } else {
            pressureBar = (float) Math.max(0, pressureBar - 0.1 * seconds);
        }
    }
}
