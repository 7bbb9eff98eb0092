/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One OPC UA server, virtualized as one LwM2M endpoint (factory PID
 * {@value OpcUaServerComponent#FACTORY_PID}; one etc/ file per server).
 */
@ObjectClassDefinition(
        name = "Lightgate OPC UA server",
        description = "An OPC UA server whose variables and methods become the resources of a virtual LwM2M endpoint.")
public @interface ServerConfig {

    @AttributeDefinition(name = "Endpoint URL", description = "opc.tcp://host:port/path of the OPC UA server.")
    String endpoint_url();

    @AttributeDefinition(name = "LwM2M endpoint name",
            description = "Name of the virtual LwM2M endpoint; empty: the OPC UA server's application URI.")
    String endpoint_name() default "";

    @AttributeDefinition(name = "Security policy", options = {
            @Option(value = "None", label = "None"),
            @Option(value = "Basic256Sha256", label = "Basic256Sha256"),
            @Option(value = "Aes128_Sha256_RsaOaep", label = "Aes128_Sha256_RsaOaep"),
            @Option(value = "Aes256_Sha256_RsaPss", label = "Aes256_Sha256_RsaPss"),
            @Option(value = "Basic256", label = "Basic256 (deprecated)"),
            @Option(value = "Basic128Rsa15", label = "Basic128Rsa15 (deprecated)") })
    String security_policy() default "None";

    @AttributeDefinition(name = "Security mode",
            description = "Empty: None with policy None, SignAndEncrypt otherwise.",
            options = {
                @Option(value = "", label = "Follow the policy"),
                @Option(value = "None", label = "None"),
                @Option(value = "Sign", label = "Sign"),
                @Option(value = "SignAndEncrypt", label = "SignAndEncrypt") })
    String security_mode() default "";

    @AttributeDefinition(name = "Identity", options = {
            @Option(value = "anonymous", label = "Anonymous"),
            @Option(value = "username", label = "Username and password"),
            @Option(value = "certificate", label = "The gateway's application certificate") })
    String identity() default "anonymous";

    @AttributeDefinition(name = "Username", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "Password for identity=username; prefer password.file to keep it out of etc/.")
    String password() default "";

    @AttributeDefinition(name = "Password file", required = false,
            description = "A file whose content (trimmed) is the password; wins over password.")
    String password_file() default "";

    @AttributeDefinition(name = "PKI folder", required = false,
            description = "The gateway's OPC UA application certificate and trust lists; empty: <data>/opcua/pki.")
    String pki_dir() default "";

    @AttributeDefinition(name = "Application URI", required = false,
            description = "The gateway's OPC UA application URI (also in its certificate); empty: urn:lightgate:<host>:opcua-client.")
    String application_uri() default "";

    @AttributeDefinition(name = "Trust every server certificate",
            description = "false: only server certificates in <pki>/trusted/certs; rejected ones land in <pki>/rejected/certs.")
    boolean trust_all_servers() default false;

    @AttributeDefinition(name = "Sampling interval (ms)")
    double sampling_interval_ms() default 500;

    @AttributeDefinition(name = "Publishing interval (ms)", description = "Do not go below 50 ms.")
    double publishing_interval_ms() default 1000;

    @AttributeDefinition(name = "Queue size per monitored item",
            description = "Sampled values the server keeps for a monitored item between two publishes (oldest discarded "
                    + "beyond). 0: enough for every sample of one publishing interval (publishing / sampling + 1, at most "
                    + "1000), so a value changing faster than the publishing interval loses no sample. 1: only the latest.")
    int queue_size() default 0;

    @AttributeDefinition(name = "Request timeout (ms)")
    long request_timeout_ms() default 5000;

    @AttributeDefinition(name = "Reconnect: first delay (ms)")
    long reconnect_min_ms() default 1000;

    @AttributeDefinition(name = "Reconnect: longest delay (ms)")
    long reconnect_max_ms() default 30000;

    @AttributeDefinition(name = "While disconnected", options = {
            @Option(value = "unavailable", label = "Stay registered; reads answer 5.03"),
            @Option(value = "deregister", label = "De-register the endpoint until the server is back") })
    String when_disconnected() default "unavailable";

    @AttributeDefinition(name = "Registration wait (ms)",
            description = "The endpoint registers with the LwM2M servers once the OPC UA server answered and the first "
                    + "values are read, so reads and observations right at registration succeed; after this long it "
                    + "registers anyway (reads answer 5.03 until values arrive).")
    long registration_wait_ms() default 10000;

    @AttributeDefinition(name = "Registration lifetime (s)")
    long lifetime() default 300;

    @AttributeDefinition(description = "How the server's endpoint reaches the LwM2M servers: endpoints = it registers on its "
            + "own; gateway = it is an end device behind the gateway's own registration (an instance of the LwM2M Gateway "
            + "object 25; its objects are read as /<prefix>/<object>/...).", options = {
        @Option(value = "endpoints", label = "One registration per OPC UA server"),
        @Option(value = "gateway", label = "Behind the gateway's registration (object 25)")})
    String exposure() default "endpoints";

    @AttributeDefinition(name = "Mappings", required = false,
            description = "<node id> -> <object>/<instance>/<resource> [scale=<f>] [offset=<f>] [object=<node id>], "
                    + "e.g. 'ns=2;s=Oven1/Temperature -> 3303/0/5700'. A method node mapped to an executable resource "
                    + "is called on its owner object (object= names another one).")
    String[] mappings() default {};

    @AttributeDefinition(name = "Auto-browse folder", required = false,
            description = "A node id whose child objects become LwM2M objects without hand mapping (one object model per "
                    + "OPC UA object type): the folder that holds the machines (e.g. ns=2;s=ShopFloor, or the Objects "
                    + "folder i=85 when they sit there); sub-folders are not descended. Empty: off.")
    String browse_folder() default "";

    @AttributeDefinition(name = "Auto-browse: include the standard namespace",
            description = "false: objects of namespace 0 (the Server object, Aliases, ...) under browse.folder are skipped.")
    boolean browse_include_standard() default false;

    @AttributeDefinition(name = "Auto-browse: first object id",
            description = "Object ids for generated models are taken from here upwards (keep them in a private range).")
    int browse_object_id_start() default 32000;

    @AttributeDefinition(name = "Auto-browse: last object id")
    int browse_object_id_end() default 32767;
}
