/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One LwM2M management server (factory PID {@code io.lightgate.lwm2m.server}, files
 * etc/io.lightgate.lwm2m.server-&lt;name&gt;.cfg). The system property
 * {@code lightgate.server.uri} replaces all of them with a single server.
 */
@ObjectClassDefinition(name = "Lightgate LwM2M server", description = "A management server the gateway's endpoints register with.")
@interface ServerConfig {

    @AttributeDefinition(name = "Server URI", description = "coap://host:port or coaps://host:port (DTLS) of the LwM2M server.")
    String uri();

    @AttributeDefinition(name = "Short Server ID", min = "1", max = "65534",
            description = "Identifies the server in the Server object and in access control; unique among servers.")
    int short_server_id() default 1;

    @AttributeDefinition(name = "Name",
            description = "Referred to by virtual endpoints that pick their servers. Empty: the configuration's name.")
    String name() default "";

    @AttributeDefinition(name = "Default server", description = "Endpoints that name no servers register here.")
    boolean default_server() default true;

    @AttributeDefinition(name = "Lifetime (s)", description = "Registration lifetime. 0: the endpoint's own lifetime.")
    long lifetime() default 0;

    @AttributeDefinition(name = "Binding", description = "LwM2M binding mode (U = UDP; UQ = UDP with queue mode: the endpoint "
            + "registers in queue mode and sleeps toward this server queue.awake.ms after each exchange).")
    String binding() default "U";

    @AttributeDefinition(name = "Queue mode awake time (ms)", min = "1", description = "With binding UQ: how long the endpoint "
            + "stays awake toward this server after each exchange with it; then it does not answer the server and holds "
            + "notifications until it wakes with an Update. Default 93000 (CoAP MAX_TRANSMIT_WAIT).")
    long queue_awake_ms() default QueueMode.DEFAULT_AWAKE_MILLIS;

    @AttributeDefinition(name = "Default minimum period (s)", description = "pmin for observations without one.")
    long default_pmin() default 0;

    @AttributeDefinition(name = "Default maximum period (s)", description = "pmax for observations without one; 0: none.")
    long default_pmax() default 0;

    @AttributeDefinition(name = "Security mode", description = "NO_SEC, PSK, RPK or X509. Empty: PSK for coaps://, NO_SEC for coap://.")
    String security_mode() default "";

    @AttributeDefinition(name = "PSK identity", description = "The gateway's own endpoint's PSK identity (text).")
    String psk_identity() default "";

    @AttributeDefinition(name = "PSK key file", description = "File holding the gateway endpoint's PSK key in hex; relative to this "
            + "configuration file's folder.")
    String psk_key_file() default "";

    @AttributeDefinition(name = "PSK key", type = AttributeType.PASSWORD,
            description = "The gateway endpoint's PSK key in hex, inline (prefer psk.key.file). Never logged.")
    String psk_key() default "";

    @AttributeDefinition(name = "PSK keys per endpoint", description = "File of endpoint=hexkey lines: each endpoint named there "
            + "(virtual ones too) uses its name as PSK identity and that key; relative to this configuration file's folder.")
    String psk_keys_file() default "";

    @AttributeDefinition(name = "RPK private key file", description = "The gateway endpoint's EC P-256 private key (PKCS#8, PEM or DER) "
            + "for security.mode RPK; relative to this configuration file's folder. Never logged.")
    String rpk_private_key_file() default "";

    @AttributeDefinition(name = "RPK public key file", description = "The gateway endpoint's public key (SubjectPublicKeyInfo, PEM or DER) "
            + "for security.mode RPK.")
    String rpk_public_key_file() default "";

    @AttributeDefinition(name = "RPK keys per endpoint", description = "Folder with <endpoint>.key.pem (PKCS#8) and <endpoint>.pub.pem "
            + "per endpoint name (virtual ones too, and the gateway's own if its files are not set); relative to this configuration "
            + "file's folder.")
    String rpk_keys_folder() default "";

    @AttributeDefinition(name = "Server public key file", description = "RPK: the server's public key (SubjectPublicKeyInfo, PEM or "
            + "DER); the handshake accepts this key only.")
    String server_public_key_file() default "";

    @AttributeDefinition(name = "X.509 key store", description = "PKCS#12 file with the gateway endpoint's private key and certificate "
            + "chain, for security.mode X509.")
    String x509_keystore() default "";

    @AttributeDefinition(name = "X.509 key stores per endpoint", description = "Folder with <endpoint>.p12 per endpoint name (virtual "
            + "ones too, and the gateway's own if x509.keystore is not set), all opened with the x509.password(.file); relative to this "
            + "configuration file's folder.")
    String x509_keystores_folder() default "";

    @AttributeDefinition(name = "X.509 key store password file", description = "File whose first line is the key store's password.")
    String x509_password_file() default "";

    @AttributeDefinition(name = "X.509 key store password", type = AttributeType.PASSWORD,
            description = "The key store's password inline (prefer x509.password.file). Never logged.")
    String x509_password() default "";

    @AttributeDefinition(name = "X.509 trust store", description = "PEM file of the CA certificates the server's certificate must "
            + "chain to; its host name (or IP address) must match the server URI.")
    String x509_truststore() default "";

    @AttributeDefinition(name = "Server certificate file", description = "The server's certificate (PEM or DER), pinned as "
            + "x509.certificate.usage says.")
    String server_certificate_file() default "";

    @AttributeDefinition(name = "Certificate usage", min = "0", max = "3", description = "Security object resource 15 for "
            + "server.certificate.file: 0 CA constraint, 1 service certificate constraint, 2 trust anchor assertion, "
            + "3 domain-issued certificate (exactly this certificate).")
    int x509_certificate_usage() default 3;
}
