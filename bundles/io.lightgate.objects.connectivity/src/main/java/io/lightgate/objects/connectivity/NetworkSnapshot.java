/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What object 4 reports, as the host showed it at one moment.
 *
 * @param bearer resource 0: the bearer of the interface the default route leaves by (else of the
 *            first up interface whose bearer is known); empty when none is known
 * @param availableBearers resource 1: the bearers of every up interface, each once
 * @param ipAddresses resource 4: the addresses of the up interfaces, non-loopback first
 * @param routers resource 5: the default routers of those interfaces, best metric first
 * @param wireless the bearer interface's radio, when it is a WLAN the kernel reports on
 */
record NetworkSnapshot(OptionalInt bearer, List<Integer> availableBearers, List<String> ipAddresses, List<String> routers,
        Optional<WirelessLinks.Link> wireless) {

    NetworkSnapshot {
        availableBearers = List.copyOf(availableBearers);
        ipAddresses = List.copyOf(ipAddresses);
        routers = List.copyOf(routers);
    }

    /** Resource 2 (Radio Signal Strength, dBm), when the host reports one. */
    OptionalInt signalDbm() {
        return wireless.map(WirelessLinks.Link::signalDbm).orElse(OptionalInt.empty());
    }

    /** Resource 3 (Link Quality), when the host reports one. */
    OptionalInt linkQuality() {
        return wireless.map(l -> OptionalInt.of(l.linkQuality())).orElse(OptionalInt.empty());
    }

    /** Which optional resources this snapshot has values for: the instance offers exactly those. */
    Shape shape() {
        return new Shape(bearer.isPresent(), signalDbm().isPresent(), linkQuality().isPresent());
    }

    /** The resources an instance offers besides 1, 4 and 5, which are always there. */
    record Shape(boolean bearer, boolean signal, boolean linkQuality) {
    }
}
