/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Access to the web console and REST API (PID io.lightgate.console, e.g. etc/io.lightgate.console.cfg).
 * The HTTP address and port are Felix HTTP's (etc/org.apache.felix.http.cfg).
 */
@ObjectClassDefinition(name = "Lightgate web console", description = "Who may use the web console and its REST API")
@interface ConsoleConfiguration {

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password (HTTP Basic, any user name) required for requests"
            + " that do not arrive on a loopback address; empty = such requests are refused")
    String password() default "";

    @AttributeDefinition(description = "File holding the password (first line), used when 'password' is empty")
    String password_file() default "";

    @AttributeDefinition(description = "Also require the password on loopback addresses")
    boolean password_on_loopback() default false;
}
