/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class LinkPayloadsFilterTest {

    @Test
    public void anObjectDiscoverLosesTheInstancesTheServerMayNotRead() {
        String links = "</3303>;pmin=10,</3303/0>,</3303/0/5700>;gt=30,</3303/1>,</3303/1/5700>,</3303/12>";
        assertEquals("</3303>;pmin=10,</3303/0>,</3303/0/5700>;gt=30", LinkPayloads.withoutInstances(links, i -> i != 0));
        assertEquals(links, LinkPayloads.withoutInstances(links, i -> false));
    }

    @Test
    public void aDeviceBehindTheGatewayDiscoversItsLinksUnderItsPrefix() {
        String links = "</3303>;pmin=10,</3303/0>,</3303/0/5700>;gt=30.5";
        assertEquals("</dev1/3303>;pmin=10,</dev1/3303/0>,</dev1/3303/0/5700>;gt=30.5", LinkPayloads.prefixed(links, "dev1"));
    }
}
