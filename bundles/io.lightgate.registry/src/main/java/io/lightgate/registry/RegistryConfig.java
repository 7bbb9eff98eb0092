/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the object registry (PID {@code io.lightgate.registry}, file etc/io.lightgate.registry.cfg). */
@ObjectClassDefinition(name = "Lightgate object registry",
        description = "The gateway's own endpoint, how long the registry waits for objects and the threads that call them.")
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

    @AttributeDefinition(name = "Object call threads",
            description = "The most threads that call objects, shared by all endpoints. Each object's calls run one after the "
                    + "other in the object's own lane, so an object that blocks holds one thread and delays only its own calls. "
                    + "One thread per core serves objects that return at once; more are added only while objects block. "
                    + "When this many objects block at once, calls of the others are answered 5.03.", min = "1")
    int object_call_threads() default 64;

    @AttributeDefinition(name = "Calls waiting per object",
            description = "Calls queued or running in one object's lane; more are answered 5.03 at once, naming the object "
                    + "and the endpoint. A lane only fills when its object does not return from a call.", min = "1")
    int object_calls_waiting() default 10000;
}
