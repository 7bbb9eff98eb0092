/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Connectivity Statistics (PID {@value ConnectivityStatisticsObject#PID}). */
@ObjectClassDefinition(
        name = "Lightgate Connectivity Statistics (7)",
        description = "LwM2M object 7 of the gateway endpoint: what the LwM2M engine's sockets sent and received.")
public @interface StatisticsConfig {

    @AttributeDefinition(name = "Collect from start-up",
            description = "Whether the gateway collects from the moment it starts, as if Start (7/0/6) had been executed"
                    + " then; false: every figure reads 0 until a server executes Start.")
    boolean collectFromStartup() default true;

    @AttributeDefinition(name = "Collection period (s)",
            description = "The initial value of Collection Period (7/0/8): a collection started by Start ends after it;"
                    + " 0 collects until Stop. Servers may write 7/0/8; what they write lasts until the gateway restarts.")
    long collectionPeriodSeconds() default 0;
}
