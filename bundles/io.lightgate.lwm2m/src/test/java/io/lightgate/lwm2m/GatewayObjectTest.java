/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;

import io.lightgate.api.Resource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

public class GatewayObjectTest {

    @Test
    public void oneInstancePerDeviceWithItsIdPrefixAndObjects() throws Exception {
        GatewayObject gateway = new GatewayObject();
        AtomicReference<String> links = new AtomicReference<>("</dev1/3/0>");
        assertEquals(0, gateway.add("meter-a", "dev1", links::get));
        assertEquals(1, gateway.add("meter-b", "dev2", () -> "</dev2/3/0>"));
        assertEquals(0, gateway.add("meter-a", "dev1", links::get)); // a device has one instance
        assertEquals(Set.of(0, 1), gateway.instanceIds());
        assertEquals("meter-a", text(gateway.read(0, GatewayObject.DEVICE_ID)));
        assertEquals("dev1", text(gateway.read(0, GatewayObject.PREFIX)));
        assertEquals("</dev1/3/0>", text(gateway.read(0, GatewayObject.IOT_DEVICE_OBJECTS)));
        links.set("</dev1/3/0>,</dev1/3303/0>"); // read when asked: the device's tree now
        assertEquals("</dev1/3/0>,</dev1/3303/0>", text(gateway.read(0, GatewayObject.IOT_DEVICE_OBJECTS)));
    }

    @Test
    public void aDeviceThatLeavesTakesItsInstanceAndItsIdIsReused() {
        GatewayObject gateway = new GatewayObject();
        gateway.add("a", "a", () -> "");
        gateway.add("b", "b", () -> "");
        gateway.remove("a");
        gateway.remove("unknown"); // nothing happens
        assertEquals(Set.of(1), gateway.instanceIds());
        assertEquals(0, gateway.add("c", "c", () -> ""));
        assertEquals(List.of(0, 1), List.copyOf(gateway.instanceIds()));
    }

    private static String text(java.util.concurrent.CompletionStage<Resource> read) throws Exception {
        return read.toCompletableFuture().get(5, TimeUnit.SECONDS).value().asString();
    }
}
