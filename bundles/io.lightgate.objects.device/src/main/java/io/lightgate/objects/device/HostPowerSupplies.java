/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The power supplies Linux reports under /sys/class/power_supply: each entry's type (Mains,
 * Battery, UPS, USB, ...) and, where the driver offers them, its voltage and current now
 * (voltage_now in µV, current_now in µA), whether it is online, and for batteries their
 * charge, status and health. Gateways on DC mains usually have none; laptops, battery-backed
 * and USB-powered boards have some. Nothing is cached: every read asks sysfs.
 */
final class HostPowerSupplies {

    /** Where the kernel lists power supplies. */
    static final Path SYSFS = Path.of("/sys/class/power_supply");

    /** One power supply of the host. */
    record Supply(String name, String type, Path dir) {

        /** Voltage now in mV, when the driver reports it. */
        OptionalLong millivolts() {
            return microToMilli(dir.resolve("voltage_now"));
        }

        /** Current now in mA, when the driver reports it. */
        OptionalLong milliamps() {
            return microToMilli(dir.resolve("current_now"));
        }

        /** Whether the driver reports a voltage or a current at all. */
        boolean measures() {
            return millivolts().isPresent() || milliamps().isPresent();
        }

        /** False for a battery bay the driver reports empty (present = 0); true when it says nothing. */
        boolean present() {
            return !readLine(dir.resolve("present")).map("0"::equals).orElse(false);
        }

        /** Whether the supply delivers power now (online, for mains and USB), when the driver says. */
        Optional<Boolean> online() {
            return readLine(dir.resolve("online")).map(v -> !v.equals("0"));
        }

        /** The charge in percent (capacity), when the driver reports it. */
        OptionalInt capacityPercent() {
            return readLine(dir.resolve("capacity")).map(v -> {
                try {
                    int c = Integer.parseInt(v);
                    return c >= 0 && c <= 100 ? OptionalInt.of(c) : OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }).orElse(OptionalInt.empty());
        }

        /** The charging status (Charging, Discharging, Not charging, Full, Unknown), when reported. */
        Optional<String> status() {
            return readLine(dir.resolve("status"));
        }

        /** The battery's health (Good, Dead, Overheat, ...), when reported. */
        Optional<String> health() {
            return readLine(dir.resolve("health"));
        }

        /** The coarse charge level (Normal, Low, Critical, Full, ...), when reported. */
        Optional<String> capacityLevel() {
            return readLine(dir.resolve("capacity_level"));
        }

        /** False for a peripheral's battery (scope = Device: a wireless mouse, a headset), which powers not the host. */
        boolean powersTheHost() {
            return !readLine(dir.resolve("scope")).map(v -> v.equalsIgnoreCase("Device")).orElse(false);
        }

        boolean isBattery() {
            return type.equalsIgnoreCase("Battery");
        }
    }

    private final Path root;

    HostPowerSupplies(Path root) {
        this.root = root;
    }

    /** The supplies found, by name; none when the folder does not exist or cannot be read. */
    List<Supply> supplies() {
        List<Supply> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.sorted().forEach(dir -> readLine(dir.resolve("type"))
                    .ifPresent(type -> found.add(new Supply(dir.getFileName().toString(), type, dir))));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return found;
    }

    /**
     * The LwM2M power source (resource 3/0/6) a supply of this sysfs type is, when the gateway
     * is not told which sources it has: Mains is the mains adapter (6), a Battery is the device's
     * own (1), a UPS an external battery (2), USB types USB power (5). Other types have no match.
     */
    static OptionalInt sourceOf(String sysfsType) {
        String t = sysfsType.toUpperCase(Locale.ROOT);
        if (t.equals("MAINS")) {
            return OptionalInt.of(6);
        } else if (t.equals("BATTERY")) {
            return OptionalInt.of(1);
        } else if (t.equals("UPS")) {
            return OptionalInt.of(2);
        } else if (t.startsWith("USB")) {
            return OptionalInt.of(5);
        }
        return OptionalInt.empty();
    }

    /**
     * Whether a supply of this sysfs type can be the LwM2M power source {@code source}
     * (resource 3/0/6: 0 DC, 1 internal battery, 2 external battery, 5 USB, 6 AC mains).
     * Fuel cells (3), Power over Ethernet (4) and solar (7) have no sysfs type.
     */
    static boolean matches(int source, String sysfsType) {
        String t = sysfsType.toUpperCase(Locale.ROOT);
        return switch (source) {
            case 0, 6 -> t.equals("MAINS");
            case 1 -> t.equals("BATTERY");
            case 2 -> t.equals("BATTERY") || t.equals("UPS");
            case 5 -> t.startsWith("USB");
            default -> false;
        };
    }

    private static OptionalLong microToMilli(Path file) {
        return readLine(file).map(text -> {
            try {
                return OptionalLong.of(Math.round(Long.parseLong(text) / 1000.0));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    private static Optional<String> readLine(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            // some drivers answer ENODATA while a battery is absent: treated as no reading
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
