/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the shop-floor simulator (PID {@value ShopFloorSimulator#PID}). */
@ObjectClassDefinition(
        name = "Lightgate shop-floor OPC UA simulator",
        description = "A Milo OPC UA server with two ovens, a motor, a part counter and a compressor.")
public @interface SimulatorConfig {

    @AttributeDefinition(name = "Port", description = "TCP port of opc.tcp://<hostname>:<port><path>.")
    int port() default 4840;

    @AttributeDefinition(name = "Bind address", description = "Address the server listens on; 0.0.0.0 for every interface.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "Hostname", description = "Host name in the endpoint URLs the server announces; empty: the bind address.")
    String hostname() default "";

    @AttributeDefinition(name = "Path", description = "Path of the endpoint URL.")
    String path() default "/shopfloor";

    @AttributeDefinition(name = "Application URI", description = "The server's application URI (also in its certificate).")
    String application_uri() default "urn:lightgate:simulator:shopfloor";

    @AttributeDefinition(name = "Users", description = "user:password pairs accepted by username/password identity.")
    String[] users() default { "operator:operator" };

    @AttributeDefinition(name = "Allow anonymous", description = "Whether anonymous sessions are accepted.")
    boolean anonymous() default true;

    @AttributeDefinition(name = "Trust every client certificate",
            description = "true: any client certificate is accepted for Basic256Sha256 (a demo machine); "
                    + "false: only those in <pki>/trusted/certs, rejected ones go to <pki>/rejected.")
    boolean trust_all_clients() default true;

    @AttributeDefinition(name = "PKI folder", description = "Certificate store and trust lists; empty: <data>/opcua-simulator.")
    String pki_dir() default "";

    @AttributeDefinition(name = "Update interval (ms)", description = "How often the machines' values move.")
    long update_interval_ms() default 500;
}
