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

    @AttributeDefinition(name = "Available power sources", required = false,
            description = "Resource 3/0/6, one entry per source: 0 DC power, 1 internal battery, 2 external battery,"
                    + " 3 fuel cell, 4 Power over Ethernet, 5 USB, 6 AC (mains) power, 7 solar. Empty: the sources the host"
                    + " reports under /sys/class/power_supply (Mains 6, Battery 1, UPS 2, USB 5); when it reports none,"
                    + " resources 6, 7 and 8 are left out.")
    int[] powerSources() default {};

    @AttributeDefinition(name = "Power source voltages (mV)", required = false,
            description = "Resource 3/0/7, one entry per entry of powerSources, in the same order: the nominal voltage of"
                    + " that source in mV (e.g. 24000 for a 24 V DC supply). Used when the host measures nothing for the"
                    + " source (no matching entry with voltage_now under /sys/class/power_supply); a source with neither has no"
                    + " instance in 3/0/7.")
    long[] powerSourceVoltage() default {};

    @AttributeDefinition(name = "Power source currents (mA)", required = false,
            description = "Resource 3/0/8, one entry per entry of powerSources, in the same order: the nominal current of"
                    + " that source in mA. Used when the host measures nothing for the source (no current_now under"
                    + " /sys/class/power_supply); a source with neither has no instance in 3/0/8.")
    long[] powerSourceCurrent() default {};

    @AttributeDefinition(name = "Power reading interval (s)",
            description = "How often voltages and currents the host measures are read again, so observers of 3/0/7"
                    + " and 3/0/8 are told of changes. Not used when the host measures no source.")
    long powerPollSeconds() default 10;

    @AttributeDefinition(name = "Reboot delay (ms)",
            description = "How long Reboot and Factory Reset wait before restarting the framework, so the"
                    + " response to the Execute reaches the server first.")
    long rebootDelayMillis() default 1000;

    @AttributeDefinition(name = "Host reading interval (s)",
            description = "How often the error conditions (3/0/11) and the battery (3/0/9, 3/0/20) are read again, so"
                    + " observers are told when they change. Reads always answer with what the host shows at that moment.")
    long conditionPollSeconds() default 10;

    @AttributeDefinition(name = "Low storage (%)",
            description = "Error code 5 (Out of memory) while the data folder's file store has less than this share"
                    + " of its size free (what 3/0/10 and 3/0/21 report).")
    int lowStoragePercent() default 5;

    @AttributeDefinition(name = "Low battery (%)",
            description = "Error code 1 (Low battery power) and Battery Status 4 while the internal battery is at or"
                    + " below this charge and not on power (or its driver says Low or Critical).")
    int lowBatteryPercent() default 15;

    @AttributeDefinition(name = "Heap alarm (%)",
            description = "Error code 16 (device specific: Java heap exhausted) while the JVM heap is still at least this"
                    + " full right after a garbage collection. Give the gateway more heap (-Xmx) when it shows.")
    int heapAlarmPercent() default 90;
}
