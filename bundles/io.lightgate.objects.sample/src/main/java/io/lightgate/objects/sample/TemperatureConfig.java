/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Temperature object (PID {@value TemperatureObject#PID}). */
@ObjectClassDefinition(
        name = "Lightgate Temperature object (3303)",
        description = "IPSO Temperature instances read from the host's thermal zones, or simulated.")
public @interface TemperatureConfig {

    @AttributeDefinition(name = "Source",
            description = "auto: the host's thermal zones when there are any, else simulated.",
            options = {
                @Option(value = "auto", label = "Thermal zones if present, else simulated"),
                @Option(value = "thermal", label = "Host thermal zones only"),
                @Option(value = "simulated", label = "Simulated signal")
            })
    String source() default "auto";

    @AttributeDefinition(name = "Simulated instances", description = "How many instances the simulated source has.")
    int instances() default 1;

    @AttributeDefinition(name = "Sampling interval (ms)")
    long intervalMillis() default 1000;

    @AttributeDefinition(name = "Simulated mean (Cel)")
    double mean() default 22.0;

    @AttributeDefinition(name = "Simulated amplitude (Cel)", description = "Half the peak-to-peak swing of the sine.")
    double amplitude() default 3.0;

    @AttributeDefinition(name = "Simulated period (s)", description = "Period of the sine; 0 or less: a constant mean.")
    double periodSeconds() default 600;

    @AttributeDefinition(name = "Simulated noise (Cel)", description = "Largest deviation the noise adds to the sine.")
    double noise() default 0.1;

    @AttributeDefinition(name = "Min range value (Cel)", description = "Resource 5603: the lowest value the sensor can measure.")
    double minRange() default -40;

    @AttributeDefinition(name = "Max range value (Cel)", description = "Resource 5604: the highest value the sensor can measure.")
    double maxRange() default 125;

    @AttributeDefinition(name = "Thermal root", description = "Where the kernel's thermal zones are.")
    String thermalRoot() default "/sys/class/thermal";
}
