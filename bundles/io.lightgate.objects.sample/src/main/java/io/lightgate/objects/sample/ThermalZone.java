/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Linux thermal zone ({@code <root>/thermal_zoneN}): {@code temp} holds the temperature in
 * millidegrees Celsius, {@code type} what the zone measures (e.g. {@code x86_pkg_temp}).
 *
 * @param number N in thermal_zoneN, which is also the LwM2M instance id, so an instance
 *        keeps naming the same zone across restarts
 * @param dir the zone's folder
 */
record ThermalZone(int number, Path dir) implements TemperatureSensor {

    private static final Pattern NAME = Pattern.compile("thermal_zone(\\d+)");

    /** The zones under {@code root}, by number; none when the folder does not exist. */
    static List<ThermalZone> find(Path root) throws IOException {
        List<ThermalZone> zones = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return zones;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                // in sysfs the zones are symbolic links to folders; isDirectory follows them
                if (m.matches() && Files.isDirectory(p) && m.group(1).length() < 6) {
                    zones.add(new ThermalZone(Integer.parseInt(m.group(1)), p));
                }
            });
        }
        zones.removeIf(z -> z.number > 65535);
        zones.sort(Comparator.comparingInt(ThermalZone::number));
        return zones;
    }

    @Override
    public double read() throws IOException {
        String text = Files.readString(dir.resolve("temp"), StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(text) / 1000.0;
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve("temp") + " holds '" + text + "', not millidegrees", e);
        }
    }

    /** The zone's {@code type}, or its folder name when the type cannot be read. */
    @Override
    public String applicationType() {
        try {
            String type = Files.readString(dir.resolve("type"), StandardCharsets.UTF_8).strip();
            return type.isEmpty() ? dir.getFileName().toString() : type;
        } catch (IOException e) {
            return dir.getFileName().toString();
        }
    }
}
