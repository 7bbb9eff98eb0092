/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** A simulated meter (factory PID {@value SimulatorComponent#FACTORY_PID}, one configuration per meter). */
@ObjectClassDefinition(name = "Lightgate DLMS meter simulator",
        description = "A simulated 3-phase DLMS/COSEM meter served over TCP (WRAPPER or HDLC).")
public @interface SimulatorConfig {

    @AttributeDefinition(description = "TCP port to listen on (4059 is the WRAPPER default).")
    int port() default 4059;

    @AttributeDefinition(name = "Bind address", description = "Address to listen on; 127.0.0.1 keeps it local.")
    String bind() default "127.0.0.1";

    @AttributeDefinition(options = {@Option(value = "wrapper", label = "WRAPPER"), @Option(value = "hdlc", label = "HDLC")})
    String transport() default "wrapper";

    @AttributeDefinition(name = "Logical address")
    int logical_address() default 1;

    @AttributeDefinition(options = {@Option(value = "none", label = "Lowest"), @Option(value = "low", label = "Low (password)")})
    String authentication() default "none";

    @AttributeDefinition(description = "Low-level security password.")
    String password() default "";

    @AttributeDefinition(name = "Serial number")
    String serial() default "LG-SIM-0001";

    @AttributeDefinition(name = "Clock offset (s)", description = "The meter's clock runs this many seconds ahead of "
            + "the host's (negative: behind), as a meter's clock drifts.")
    long clock_offset() default 0;

    @AttributeDefinition(name = "Mean phase current (A)")
    double current() default 8.0;

    @AttributeDefinition(name = "Capture period (s)", description = "Load profile capture period.")
    int capture_period() default 900;

    @AttributeDefinition(name = "Profile entries", description = "Load profile capacity, pre-filled with history.")
    int profile_entries() default 96;

    @AttributeDefinition(name = "Max PDU size")
    int max_pdu_size() default 1024;

    @AttributeDefinition(name = "HDLC max information field")
    int hdlc_max_info() default 128;

    @AttributeDefinition(name = "Max connections")
    int max_connections() default 4;
}
