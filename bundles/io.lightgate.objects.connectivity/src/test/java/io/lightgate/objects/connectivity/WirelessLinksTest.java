/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.Test;

public class WirelessLinksTest {

    @Test
    public void readsQualityAndSignalOfEachInterface() {
        Map<String, WirelessLinks.Link> links = WirelessLinks.parse(ProcNetSamples.WIRELESS);
        assertEquals(List.of("wlp2s0", "wlan1", "wlan2"), List.copyOf(links.keySet()));
        assertEquals(new WirelessLinks.Link("wlp2s0", 54, OptionalInt.of(-56)), links.get("wlp2s0"));
        // an old driver's unsigned level: 200 is -56 dBm
        assertEquals(new WirelessLinks.Link("wlan1", 40, OptionalInt.of(-56)), links.get("wlan1"));
        // level 0: the driver reports none, and none is made up
        assertEquals(OptionalInt.empty(), links.get("wlan2").signalDbm());
    }

    @Test
    public void aHostWithoutWifiHasNoLinks() {
        assertTrue(WirelessLinks.parse(ProcNetSamples.WIRELESS_NONE).isEmpty());
        assertTrue(WirelessLinks.parse("").isEmpty());
        assertTrue(WirelessLinks.parse("wlan0: 0000 lots of garbage\n").isEmpty());
    }
}
