/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the object registry (PID {@code io.lightgate.registry}, file etc/io.lightgate.registry.cfg). */
@ObjectClassDefinition(name = "Lightgate object registry",
        description = "The gateway's own endpoint and how long the registry waits for objects.")
@interface RegistryConfig {

    @AttributeDefinition(name = "Gateway endpoint name",
            description = "LwM2M endpoint client name of the gateway itself. Empty: lightgate-<hostname>. "
                    + "The system property lightgate.endpoint overrides it.")
    String gateway_endpoint() default "";

    @AttributeDefinition(name = "Gateway registration lifetime (s)", min = "1")
    long gateway_lifetime() default 300;

    @AttributeDefinition(name = "Operation timeout (ms)",
            description = "An object that has not answered a read, write, execute, create or delete within this "
                    + "time is answered with 5.03 Service Unavailable.", min = "1")
    long operation_timeout_ms() default 5000;
}
