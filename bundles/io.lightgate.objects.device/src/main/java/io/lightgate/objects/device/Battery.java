/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * The gateway's internal battery, as the host reports it under /sys/class/power_supply (a
 * present supply of type Battery): Battery Level (3/0/9) and Battery Status (3/0/20).
 */
final class Battery {

    static final int NORMAL = 0;
    static final int CHARGING = 1;
    static final int CHARGE_COMPLETE = 2;
    static final int DAMAGED = 3;
    static final int LOW = 4;
    static final int NOT_INSTALLED = 5;
    static final int UNKNOWN = 6;

    private final HostPowerSupplies.Supply supply;
    private final int lowPercent;

    Battery(HostPowerSupplies.Supply supply, int lowPercent) {
        this.supply = supply;
        this.lowPercent = lowPercent;
    }

    /** The host's name of the battery (BAT0, ...). */
    String name() {
        return supply.name();
    }

    /** Resource 9, percent; empty when the driver reports no capacity. */
    OptionalInt level() {
        return supply.capacityPercent();
    }

    /** Resource 20, from the driver's presence, health, status and charge. */
    int status() {
        if (!supply.present()) {
            return NOT_INSTALLED;
        }
        String health = supply.health().orElse("").toLowerCase(Locale.ROOT);
        if (health.equals("dead") || health.contains("failure") || health.startsWith("over") || health.equals("cold")) {
            return DAMAGED;
        }
        String status = supply.status().orElse("Unknown").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "charging" -> CHARGING;
            case "full" -> CHARGE_COMPLETE;
            case "discharging", "not charging" -> isLow() ? LOW : NORMAL;
            default -> UNKNOWN;
        };
    }

    /** Low on charge: the driver says Low or Critical, or the level is at or below the configured percent. */
    boolean isLow() {
        String level = supply.capacityLevel().orElse("").toLowerCase(Locale.ROOT);
        if (level.equals("low") || level.equals("critical")) {
            return true;
        }
        OptionalInt percent = level();
        return percent.isPresent() && percent.getAsInt() <= lowPercent;
    }

    /** Whether it is charging or full on power, i.e. not running the gateway. */
    boolean onPower() {
        int s = status();
        return s == CHARGING || s == CHARGE_COMPLETE;
    }
}
