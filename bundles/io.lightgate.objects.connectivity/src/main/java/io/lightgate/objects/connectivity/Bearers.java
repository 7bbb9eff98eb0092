/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which network bearer of object 4 (resource 0 and 1) an interface is, from what Linux says of
 * it under /sys/class/net/NAME: a wireless LAN has a wireless/ or phy80211/ entry (or a line in
 * /proc/net/wireless), the rest is told by the ARP hardware type in its type file. An interface
 * the host says nothing conclusive about (a tunnel, a cellular modem whose radio generation the
 * kernel does not know) has no bearer: it is left out rather than guessed.
 */
final class Bearers {

    /** WLAN network. */
    static final int WLAN = 21;
    /** Bluetooth network. */
    static final int BLUETOOTH = 22;
    /** IEEE 802.15.4 network. */
    static final int IEEE_802_15_4 = 23;
    /** Ethernet. */
    static final int ETHERNET = 41;

    // linux/if_arp.h
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_IEEE802154 = 804;
    private static final int ARPHRD_6LOWPAN = 825;

    private Bearers() {
    }

    /**
     * The bearer of interface {@code name}.
     *
     * @param sysClassNet /sys/class/net, or a copy of it
     * @param wireless the interfaces /proc/net/wireless lists
     */
    static OptionalInt of(String name, Path sysClassNet, Set<String> wireless) {
        Path dir = sysClassNet.resolve(name);
        if (wireless.contains(name) || Files.isDirectory(dir.resolve("wireless")) || Files.exists(dir.resolve("phy80211"))) {
            return OptionalInt.of(WLAN);
        }
        try {
            int type = Integer.parseInt(Files.readString(dir.resolve("type"), StandardCharsets.US_ASCII).strip());
            return switch (type) {
                // Bluetooth PAN (bnep) shows itself as Ethernet; its name tells
                case ARPHRD_ETHER -> OptionalInt.of(name.startsWith("bnep") ? BLUETOOTH : ETHERNET);
                case ARPHRD_IEEE802154, ARPHRD_6LOWPAN -> OptionalInt.of(IEEE_802_15_4);
                default -> OptionalInt.empty();
            };
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
