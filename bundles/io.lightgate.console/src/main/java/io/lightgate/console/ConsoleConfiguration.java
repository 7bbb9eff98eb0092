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

    @AttributeDefinition(description = "Observe, in the background, the instances holding key values (resources with units,"
            + " IPSO sensor values and counters) of every client that registers, for the overview page and its history")
    boolean overview_observe() default true;

    @AttributeDefinition(description = "At most this many instances observed for the overview, over all clients", min = "0")
    int overview_observe_max() default 200;

    @AttributeDefinition(description = "Minutes of numeric values kept for the charts", min = "1")
    int history_minutes() default 60;

    @AttributeDefinition(description = "Points kept per resource (one per history.minutes*60/points seconds at most)", min = "2")
    int history_points_max() default 720;

    @AttributeDefinition(description = "Resources whose history is kept (each holds up to history.points.max points of 16 bytes)",
            min = "1")
    int history_series_max() default 500;
}
