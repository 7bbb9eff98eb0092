/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Device object (PID {@value DeviceObject#PID}). What the host cannot
 * tell about itself (who made the gateway, which model it is) comes from here; everything
 * else is read from the host and the JVM.
 */
@ObjectClassDefinition(
        name = "Lightgate Device object (3)",
        description = "Identity of the gateway as reported in LwM2M object 3 (Device).")
public @interface DeviceConfig {

    @AttributeDefinition(name = "Manufacturer", description = "Resource 3/0/0.")
    String manufacturer() default "Lightgate";

    @AttributeDefinition(name = "Model number", description = "Resource 3/0/1.")
    String modelNumber() default "Lightgate Gateway";

    @AttributeDefinition(name = "Serial number", required = false,
            description = "Resource 3/0/2. Empty: derived from /etc/machine-id when readable, else the host name.")
    String serialNumber() default "";

    @AttributeDefinition(name = "Available power sources",
            description = "Resource 3/0/6, one entry per source: 0 DC power, 1 internal battery, 2 external battery,"
                    + " 3 fuel cell, 4 Power over Ethernet, 5 USB, 6 AC (mains) power, 7 solar.")
    int[] powerSources() default { 0 };

    @AttributeDefinition(name = "Reboot delay (ms)",
            description = "How long Reboot and Factory Reset wait before restarting the framework, so the"
                    + " response to the Execute reaches the server first.")
    long rebootDelayMillis() default 1000;
}
