/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Access Control instances of the endpoints (PID {@code io.lightgate.lwm2m.acl}, file etc/io.lightgate.lwm2m.acl.cfg). */
@ObjectClassDefinition(name = "Lightgate LwM2M access control",
        description = "Which management server may do what on which object instance (Access Control object 2), "
                + "enforced when an endpoint has more than one server.")
@interface AclConfig {

    @AttributeDefinition(name = "Entries",
            description = "One Access Control instance per entry: '<endpoint>|* <object>/<instance> [owner=<ssid>] "
                    + "[<ssid>|default=<rights>]...', rights as letters of RWEDC (Read, Write, Execute, Delete, Create), "
                    + "- or a number; instance 65535 holds the Create right of the object.")
    String[] entries() default {};
}
