/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One DLMS/COSEM meter (factory PID {@value MeterComponent#FACTORY_PID}; one
 * {@code etc/io.lightgate.adapter.dlms.meter-<name>.cfg} per meter).
 */
@ObjectClassDefinition(name = "Lightgate DLMS/COSEM meter",
        description = "A DLMS/COSEM meter read over TCP (WRAPPER or HDLC) and exposed as LwM2M objects.")
public @interface MeterConfig {

    @AttributeDefinition(description = "Meter or serial-to-IP converter host name or address.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port (4059 is the WRAPPER default).")
    int port() default 4059;

    @AttributeDefinition(options = {@Option(value = "wrapper", label = "IEC 62056-47 WRAPPER"),
        @Option(value = "hdlc", label = "IEC 62056-46 HDLC over TCP")})
    String transport() default "wrapper";

    @AttributeDefinition(name = "Client address", description = "Client SAP: 16 public client, 1 management client, ...")
    int client_address() default 16;

    @AttributeDefinition(name = "Server logical address", description = "Logical device (1 = management logical device).")
    int server_logical_address() default 1;

    @AttributeDefinition(name = "Server physical address", description = "HDLC lower address; 0 = one-byte address.")
    int server_physical_address() default 0;

    @AttributeDefinition(name = "Server address size", description = "HDLC server address bytes: 1, 2, 4 or 0 (smallest that fits).")
    int server_address_size() default 0;

    @AttributeDefinition(options = {@Option(value = "none", label = "Lowest level security"),
        @Option(value = "low", label = "Low level security (password)")})
    String authentication() default "none";

    @AttributeDefinition(name = "Password file", description = "File holding the low-level security password (first line).")
    String password_file() default "";

    @AttributeDefinition(name = "Polling interval (s)")
    int polling_interval() default 10;

    @AttributeDefinition(name = "Maximum age (s)", description = "A read older than this reads the meter again.")
    int max_age() default 5;

    @AttributeDefinition(name = "Response timeout (ms)",
            description = "Per answer; keep it below the registry's operation timeout (5 s) so reads fail with the meter's reason.")
    int response_timeout() default 3000;

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connect_timeout() default 2000;

    @AttributeDefinition(name = "Max PDU size", description = "Largest APDU accepted; bigger answers come in blocks.")
    int max_pdu_size() default 1024;

    @AttributeDefinition(name = "HDLC max information field")
    int hdlc_max_info() default 128;

    @AttributeDefinition(name = "Gateway instance", description = "-1: the meter is its own LwM2M endpoint. n >= 0: its "
            + "objects are instance n under the gateway's own endpoint (3331: 2n and 2n+1, 26241: 100n + column).")
    int gateway_instance() default -1;

    @AttributeDefinition(description = "How the meter's endpoint reaches the LwM2M servers: endpoints = it registers on its "
            + "own; gateway = it is an end device behind the gateway's own registration (an instance of the LwM2M Gateway "
            + "object 25; its objects are read as /<prefix>/<object>/...).", options = {
        @Option(value = "endpoints", label = "One registration per meter"),
        @Option(value = "gateway", label = "Behind the gateway's registration (object 25)")})
    String exposure() default "endpoints";

    @AttributeDefinition(description = "LwM2M endpoint name; empty: dlms-<host>-<port>.")
    String endpoint() default "";

    @AttributeDefinition(name = "Registration wait (s)", description = "The meter's own endpoint registers once the meter "
            + "answered its first poll (so servers that read or observe at registration get values), at the latest after "
            + "this many seconds (reads answer 5.03 until the meter answers); 0: at once.")
    int registration_wait() default 10;

    @AttributeDefinition(name = "Lifetime (s)")
    int lifetime() default 300;

    @AttributeDefinition(description = "3 (object 10242) or 1 (object 10243).", options = {
        @Option(value = "3", label = "3-phase"), @Option(value = "1", label = "single phase")})
    int phases() default 3;

    @AttributeDefinition(name = "Energy objects", description = "Also expose Energy (3331) and Power Measurement (3305) with reset (5822).")
    boolean energy_objects() default false;

    @AttributeDefinition(description = "Overrides of the default OBIS mapping: <object>/<resource>=[<class>:]<obis>[-<obis>]; "
            + "an empty right side removes the resource.")
    String[] mapping() default {};

    @AttributeDefinition(name = "Load profile", description = "OBIS of a Profile Generic exposed as object 26241; empty: none.")
    String load_profile() default "1.0.99.1.0.255";

    @AttributeDefinition(name = "Load profile entries", description = "How many of the newest entries are exposed.")
    int load_profile_entries() default 24;
}
