/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The LwM2M bootstrap server (PID {@code io.lightgate.lwm2m.bootstrap}, file
 * etc/io.lightgate.lwm2m.bootstrap.cfg). The system property {@code lightgate.bootstrap.uri}
 * replaces it.
 */
@ObjectClassDefinition(name = "Lightgate LwM2M bootstrap server",
        description = "The bootstrap server that provisions the endpoints' Security and Server objects.")
@interface BootstrapServerConfig {

    @AttributeDefinition(name = "Bootstrap server URI", description = "coap://host:port of the bootstrap server.")
    String uri();

    @AttributeDefinition(name = "Client hold off (s)",
            description = "How long an endpoint without servers waits before it sends its Bootstrap-Request.")
    long hold_off() default 0;

    @AttributeDefinition(name = "Session timeout (s)",
            description = "A bootstrap session without Bootstrap-Finish this long after its last request is given up; "
                    + "the endpoint keeps its previous state and asks again later.")
    long session_timeout() default 60;

    @AttributeDefinition(name = "Preferred content format",
            description = "Sent as pct= in the Bootstrap-Request (e.g. 110 SenML JSON, 112 SenML CBOR, 11542 TLV); 0: none.")
    int preferred_content_format() default 0;
}
