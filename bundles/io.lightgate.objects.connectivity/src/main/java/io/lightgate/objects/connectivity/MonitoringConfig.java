/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Connectivity Monitoring (PID {@value ConnectivityMonitoringObject#PID}). */
@ObjectClassDefinition(
        name = "Lightgate Connectivity Monitoring (4)",
        description = "LwM2M object 4 of the gateway endpoint, read from the host's interfaces, routes and radios.")
public @interface MonitoringConfig {

    @AttributeDefinition(name = "Look again every (s)",
            description = "How often the host's network is read again so that observers of 4/0 learn of a new address,"
                    + " router, bearer or signal level. Reads always answer with what the host shows at that moment.")
    long pollSeconds() default 30;
}
