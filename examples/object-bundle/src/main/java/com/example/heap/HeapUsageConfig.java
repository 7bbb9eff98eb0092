/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package com.example.heap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration (PID {@value HeapUsageSensor#PID}): put {@code intervalMillis = 2000} into
 * the gateway's {@code etc/example.objects.heap.cfg} to change it while the gateway runs.
 */
@ObjectClassDefinition(name = "Example: JVM heap in use (3320)",
        description = "The gateway JVM's heap in use, in percent of the maximum heap, as IPSO Percentage.")
public @interface HeapUsageConfig {

    @AttributeDefinition(name = "Sampling interval (ms)", description = "How often the heap is measured; at least 100.")
    long intervalMillis() default 5000;
}
