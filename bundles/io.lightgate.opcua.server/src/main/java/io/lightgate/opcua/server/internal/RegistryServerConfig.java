/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The OPC UA server that shows the registry (PID {@value RegistryOpcUaServer#PID}). */
// the id it had in the adapter bundle, so tools that knew this definition find it again
@ObjectClassDefinition(id = "io.lightgate.adapter.opcua.RegistryServerConfig",
        name = "Lightgate registry as an OPC UA server",
        description = "Every endpoint's objects as an OPC UA address space, for SCADA/MES clients.")
public @interface RegistryServerConfig {

    @AttributeDefinition(name = "Port")
    int port() default 4841;

    @AttributeDefinition(name = "Bind address", description = "0.0.0.0 for every interface.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "Hostname", description = "Host name in the endpoint URLs; empty: the bind address.")
    String hostname() default "";

    @AttributeDefinition(name = "Path")
    String path() default "/lightgate";

    @AttributeDefinition(name = "Application URI")
    String application_uri() default "urn:lightgate:gateway:registry";

    @AttributeDefinition(name = "Allow Security None",
            description = "false: only Basic256Sha256/SignAndEncrypt (discovery stays open).")
    boolean allow_security_none() default true;

    @AttributeDefinition(name = "Allow anonymous")
    boolean anonymous() default false;

    @AttributeDefinition(name = "Users", description = "user:password pairs accepted by username/password identity.")
    String[] users() default {};

    @AttributeDefinition(name = "Trust every client certificate",
            description = "false: only client certificates in <pki>/trusted/certs (rejected ones land in <pki>/rejected/certs).")
    boolean trust_all_clients() default false;

    @AttributeDefinition(name = "PKI folder", description = "empty: <data>/opcua/server-pki")
    String pki_dir() default "";

    @AttributeDefinition(name = "Read timeout (ms)", description = "How long an OPC UA read waits for the object.")
    long read_timeout_ms() default 5000;
}
