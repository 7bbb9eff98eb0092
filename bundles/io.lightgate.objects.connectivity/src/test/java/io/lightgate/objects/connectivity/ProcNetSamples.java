/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

/**
 * Files as a Linux laptop with Ethernet and Wi-Fi shows them (addresses changed to the
 * documentation ranges of RFC 5737 and RFC 3849).
 */
final class ProcNetSamples {

    private ProcNetSamples() {
    }

    /**
     * /proc/net/route: default routes on wlp2s0 (198.51.100.1, metric 600) and eth0
     * (192.0.2.254, metric 100), their subnets, a docker bridge and a route that is down.
     */
    static final String ROUTE = ""
            + "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n"
            + "wlp2s0\t00000000\t016433C6\t0003\t0\t0\t600\t00000000\t0\t0\t0                                                                               \n"
            + "eth0\t00000000\tFE0200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0                                                                               \n"
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0                                                                               \n"
            + "wlp2s0\t006433C6\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0                                                                               \n"
            + "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0                                                                               \n"
            + "eth1\t00000000\t017100CB\t0002\t0\t0\t50\t00000000\t0\t0\t0                                                                               \n";

    /** /proc/net/ipv6_route: a default route via fe80::1 on eth0, its /64, and the kernel's unreachable default on lo. */
    static final String IPV6_ROUTE = ""
            + "20010db8000000010000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
            + "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
            + "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

    /** /proc/net/wireless: wlp2s0 with an updated level of -56 dBm, wlan1 from an old driver (200 = -56 dBm), wlan2 without a level. */
    static final String WIRELESS = ""
            + "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n"
            + " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n"
            + "wlp2s0: 0000   54.  -56.  -256        0      0      0      0     12        0\n"
            + " wlan1: 0000   40   200   0        0      0      0      0      0        0\n"
            + " wlan2: 0000    0     0   0        0      0      0      0      0        0\n";

    /** /proc/net/wireless of a host with wireless extensions but no Wi-Fi interface. */
    static final String WIRELESS_NONE = ""
            + "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n"
            + " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n";
}
