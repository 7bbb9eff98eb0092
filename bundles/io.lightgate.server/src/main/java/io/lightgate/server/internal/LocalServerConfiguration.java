/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the local LwM2M server (PID io.lightgate.server, e.g. etc/io.lightgate.server.cfg). */
@ObjectClassDefinition(name = "Lightgate local LwM2M server",
        description = "An LwM2M server and bootstrap server inside the gateway for southbound LwM2M devices")
@interface LocalServerConfiguration {

    @AttributeDefinition(description = "Address the CoAP and CoAPs sockets bind to (0.0.0.0 = every interface)")
    String coap_host() default "0.0.0.0";

    @AttributeDefinition(description = "CoAP (UDP) port of the LwM2M server; 0 = chosen by the system")
    int coap_port() default 5683;

    @AttributeDefinition(description = "CoAPs (DTLS) port of the LwM2M server; -1 = no DTLS endpoint, 0 = chosen by the system")
    int coaps_port() default 5684;

    @AttributeDefinition(description = "Run the bootstrap server too")
    boolean bootstrap_enabled() default false;

    @AttributeDefinition(description = "CoAP port of the bootstrap server; 0 = chosen by the system")
    int bootstrap_port() default 5783;

    @AttributeDefinition(description = "CoAPs port of the bootstrap server; -1 = none, 0 = chosen by the system")
    int bootstrap_coaps_port() default 5784;

    @AttributeDefinition(description = "Folder for registrations, credentials, bootstrap configurations and the server key"
            + " (empty = <lightgate.data>/server)")
    String data_folder() default "";

    @AttributeDefinition(description = "How long a device operation waits for the device (ms)")
    long request_timeout_ms() default 5000;
}
