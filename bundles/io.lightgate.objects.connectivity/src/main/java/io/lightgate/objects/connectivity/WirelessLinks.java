/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The wireless interfaces Linux lists in /proc/net/wireless, with the link quality and signal
 * level their drivers report: Radio Signal Strength (dBm) and Link Quality of object 4. A host
 * without Wi-Fi has no such file or no interface in it, and then object 4 reports neither.
 */
final class WirelessLinks {

    /**
     * One wireless interface.
     *
     * @param iface the interface name
     * @param linkQuality the driver's link quality (for most drivers 0..70)
     * @param signalDbm the received signal level in dBm, when the driver reports one
     */
    record Link(String iface, int linkQuality, OptionalInt signalDbm) {
    }

    private WirelessLinks() {
    }

    /**
     * Parses /proc/net/wireless: two header lines, then per interface
     * {@code wlan0: 0000   54.  -56.  -256  0 0 0 0 0  0} (status, link quality, signal level,
     * noise level, discarded packets, missed beacons). A trailing dot marks a value the driver
     * updated since the last read; it is the same number.
     */
    static Map<String, Link> parse(String text) {
        Map<String, Link> links = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.contains("|")) {
                continue;
            }
            String iface = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (iface.isEmpty() || f.length < 3) {
                continue;
            }
            try {
                int quality = number(f[1]);
                links.put(iface, new Link(iface, quality, dbm(number(f[2]))));
            } catch (NumberFormatException e) {
                // not an interface line: skip it
            }
        }
        return links;
    }

    // Drivers report dBm as a negative number; older ones as an unsigned byte (dBm + 256, e.g.
    // 200 for -56 dBm); 0 means no level at all, as does a level outside what radios receive.
    private static OptionalInt dbm(int level) {
        int dbm = level > 0 && level < 256 ? level - 256 : level;
        return dbm < 0 && dbm > -200 ? OptionalInt.of(dbm) : OptionalInt.empty();
    }

    private static int number(String field) {
        String n = field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
        return Integer.parseInt(n);
    }
}
