/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.device;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class VirtualDeviceTest {

    private final Instant hostNow = Instant.parse("2026-12-04T10:00:00Z");
    private final AtomicInteger reboots = new AtomicInteger();
    private final List<String> changes = new ArrayList<>();
    private final VirtualDevice device = new VirtualDevice(
            DeviceDescription.unknown("oven-line").withManufacturer("Acme").withModelNumber("Oven 3000"),
            args -> reboots.incrementAndGet(), Clock.fixed(hostNow, ZoneOffset.UTC));

    {
        device.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                changes.add(instanceId + ":" + java.util.Arrays.toString(resourceIds));
            }

            @Override
            public void instancesChanged() {
            }

            @Override
            public void sendRequested(int instanceId, int... resourceIds) {
            }
        });
    }

    private Resource read(int resourceId) {
        return device.read(0, resourceId).toCompletableFuture().join();
    }

    @Test
    public void identityComesFromTheDescriptionWithSensibleDefaults() {
        assertEquals("Acme", read(0).value().asString());
        assertEquals("Oven 3000", read(1).value().asString());
        assertEquals("serial defaults to the endpoint name", "oven-line", read(2).value().asString());
        assertEquals(DeviceDescription.UNKNOWN, read(3).value().asString());
        assertEquals("U", read(16).value().asString());
        assertEquals("Virtual device", read(17).value().asString());
        assertEquals(Map.of(0, Value.of(0)), read(11).instances());
    }

    @Test
    public void blankSourceFieldsReadAsUnknown() {
        DeviceDescription d = DeviceDescription.unknown("x").withFirmwareVersion("  ").withSoftwareVersion(null);
        assertEquals(DeviceDescription.UNKNOWN, d.firmwareVersion());
        assertEquals(DeviceDescription.UNKNOWN, d.softwareVersion());
    }

    @Test
    public void describeNotifiesOnlyWhatChanged() {
        device.describe(device.description().withFirmwareVersion("2.1").withManufacturer("Acme"));
        assertEquals(List.of("0:[3]"), changes);
        device.describe(device.description());
        assertEquals("no change, no event", 1, changes.size());
        assertEquals("2.1", read(3).value().asString());
    }

    @Test
    public void currentTimeFollowsTheSourceClockAndAWrittenTime() {
        assertEquals(hostNow, read(13).value().asTime());
        device.setSourceClock(hostNow.plusSeconds(90), hostNow);
        assertEquals(hostNow.plusSeconds(90), read(13).value().asTime());
        Instant written = Instant.parse("2030-01-01T00:00:00Z");
        device.write(0, List.of(Resource.of(13, Value.ofTime(written))), WriteMode.UPDATE).toCompletableFuture().join();
        assertEquals("a server reads what it wrote", written, read(13).value().asTime());
        device.setSourceClock(hostNow.plusSeconds(90), hostNow);
        assertEquals("a new reading of the same source clock keeps the written time", written, read(13).value().asTime());
        device.setSourceClock(hostNow.plusSeconds(100), hostNow);
        assertEquals("and follows the source's clock", written.plusSeconds(10), read(13).value().asTime());
    }

    @Test
    public void errorCodesAreReportedOnceWhenTheyChange() {
        device.setErrorCodes(VirtualDevice.IP_CONNECTIVITY_FAILURE);
        device.setErrorCodes(VirtualDevice.IP_CONNECTIVITY_FAILURE);
        assertEquals(Map.of(0, Value.of(7)), read(11).instances());
        device.setErrorCodes();
        assertEquals(Map.of(0, Value.of(0)), read(11).instances());
        assertEquals(List.of("0:[11]", "0:[11]"), changes);
        assertThrows(IllegalArgumentException.class, () -> device.setErrorCodes(99));
    }

    @Test
    public void rebootRunsTheAdaptersAction() {
        device.execute(0, 4, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(1, reboots.get());
        assertTrue(device.resourceIds(0).contains(4));
    }
}
