/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
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

    @AttributeDefinition(description = "PKCS#12 key store with the server's private key and certificate chain, for X.509 clients"
            + " (empty = raw public keys and PSK only)")
    String x509_keystore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the key store (and of the key in it)")
    String x509_password() default "";

    @AttributeDefinition(description = "File holding the key store password (first line), used instead of x509.password")
    String x509_password_file() default "";

    @AttributeDefinition(description = "Alias of the server's key in the key store (empty = the first key)")
    String x509_alias() default "";

    @AttributeDefinition(description = "PEM file of the CA certificates client certificates must chain to")
    String x509_trusted() default "";

    @AttributeDefinition(description = "How long a device operation waits for the device (ms)")
    long request_timeout_ms() default 5000;
}
