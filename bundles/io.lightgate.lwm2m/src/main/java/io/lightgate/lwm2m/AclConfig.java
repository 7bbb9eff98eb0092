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

    @AttributeDefinition(name = "Endpoints without entries",
            description = "allow: an endpoint no line applies to stays open to every server (as without this file); "
                    + "deny: the Core spec's rule holds there too, so with more than one server an object instance without "
                    + "an Access Control instance is refused (4.01) to every server but, for Server object instances, the "
                    + "server they describe.",
            options = { @org.osgi.service.metatype.annotations.Option(label = "allow", value = "allow"),
                    @org.osgi.service.metatype.annotations.Option(label = "deny", value = "deny") })
    String endpoints_without_entries() default "allow";
}
