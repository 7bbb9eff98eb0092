/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one instance of an {@link IpsoSensor} object offers besides its measured values: the
 * units (5701), the range the sensor can measure (5603/5604) and the initial application
 * type (5750). Resources that are not set are not implemented by the instance. Immutable;
 * build one with {@link #builder(int)}:
 *
 * <pre>{@code
 * SensorInstance.builder(0).units("Cel").range(-40, 125).applicationType("Cold room").build()
 * }</pre>
 */
public final class SensorInstance {

    private final int id;
    private final String units;
    private final Double minRange;
    private final Double maxRange;
    private final String applicationType;

    private SensorInstance(Builder b) {
        this.id = b.id;
        this.units = b.units;
        this.minRange = b.minRange;
        this.maxRange = b.maxRange;
        this.applicationType = b.applicationType;
    }

    /**
     * @param instanceId the LwM2M instance id, 0 to 65534
     * @throws IllegalArgumentException when the id is out of range
     */
    public static Builder builder(int instanceId) {
        if (instanceId < 0 || instanceId > 65534) {
            throw new IllegalArgumentException("instance id " + instanceId + " is not in 0..65534");
        }
        return new Builder(instanceId);
    }

    /** The LwM2M instance id. */
    public int id() { return id; }

    /** Sensor Units (5701), e.g. {@code "Cel"} or {@code "%"}. */
    public Optional<String> units() { return Optional.ofNullable(units); }

    /** Min Range Value (5603): the lowest value the sensor can measure. */
    public OptionalDouble minRange() { return minRange == null ? OptionalDouble.empty() : OptionalDouble.of(minRange); }

    /** Max Range Value (5604): the highest value the sensor can measure. */
    public OptionalDouble maxRange() { return maxRange == null ? OptionalDouble.empty() : OptionalDouble.of(maxRange); }

    /** Application Type (5750) until a server writes another. */
    public Optional<String> applicationType() { return Optional.ofNullable(applicationType); }

    @Override
    public String toString() {
        return "SensorInstance[" + id + (units == null ? "" : ", units " + units)
                + (minRange == null ? "" : ", range " + minRange + ".." + maxRange)
                + (applicationType == null ? "" : ", application type " + applicationType) + "]";
    }

    /** Collects the description of a {@link SensorInstance}. */
    public static final class Builder {
        private final int id;
        private String units;
        private Double minRange;
        private Double maxRange;
        private String applicationType;

        private Builder(int id) {
            this.id = id;
        }

        /** Sensor Units (5701), UCUM as the IPSO objects use it: {@code "Cel"}, {@code "%"}, {@code "V"}. */
        public Builder units(String units) {
            if (units == null || units.isBlank()) {
                throw new IllegalArgumentException("sensor units of instance " + id + " must not be empty");
            }
            this.units = units;
            return this;
        }

        /**
         * Min and Max Range Value (5603, 5604).
         *
         * @throws IllegalArgumentException when a bound is not finite or min is above max
         */
        public Builder range(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("range " + min + ".." + max + " of instance " + id
                        + " is not a finite interval with min <= max");
            }
            this.minRange = min;
            this.maxRange = max;
            return this;
        }

        /** Application Type (5750): a server may write another. */
        public Builder applicationType(String applicationType) {
            if (applicationType == null) {
                throw new IllegalArgumentException("application type of instance " + id + " must not be null");
            }
            this.applicationType = applicationType;
            return this;
        }

        public SensorInstance build() {
            return new SensorInstance(this);
        }
    }
}
