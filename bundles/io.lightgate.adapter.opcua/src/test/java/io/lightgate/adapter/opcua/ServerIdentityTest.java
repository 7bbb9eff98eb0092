/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.lightgate.api.device.DeviceDescription;
import java.time.Instant;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.Test;

public class ServerIdentityTest {

    private static final Instant BUILT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static DataValue text(String s) {
        return new DataValue(Variant.ofString(s));
    }

    private static DataValue time(Instant t) {
        return new DataValue(Variant.ofDateTime(new DateTime(t)));
    }

    @Test
    public void buildInfoFillsTheIdentityResources() {
        List<DataValue> values = List.of(text("ACME"), text("Oven controller"), text("2.4.1"), text("812"), time(BUILT),
                text("urn:acme:oven"), time(NOW));
        DeviceDescription d = ServerIdentity.describe("oven-line-1", "urn:acme:oven:line1", values);
        assertEquals("ACME", d.manufacturer());
        assertEquals("Oven controller", d.modelNumber());
        assertEquals("urn:acme:oven:line1", d.serialNumber());
        assertEquals("2.4.1 build 812 (2026-03-01)", d.firmwareVersion());
        assertEquals("2.4.1", d.softwareVersion());
        assertEquals("OPC UA server (urn:acme:oven)", d.deviceType());
        assertEquals(DeviceDescription.UNKNOWN, d.hardwareVersion());
        assertEquals(NOW, ServerIdentity.currentTime(values));
    }

    @Test
    public void whatTheServerDoesNotTellStaysUnknown() {
        DataValue bad = new DataValue(new StatusCode(StatusCodes.Bad_NodeIdUnknown));
        List<DataValue> values = List.of(bad, text(" "), bad, text(""), new DataValue(Variant.ofDateTime(DateTime.MIN_DATE_TIME)),
                bad, bad);
        DeviceDescription d = ServerIdentity.describe("oven-line-1", "", values);
        assertEquals(DeviceDescription.UNKNOWN, d.manufacturer());
        assertEquals(DeviceDescription.UNKNOWN, d.modelNumber());
        assertEquals("the endpoint name when there is no application URI", "oven-line-1", d.serialNumber());
        assertEquals(DeviceDescription.UNKNOWN, d.firmwareVersion());
        assertEquals("OPC UA server", d.deviceType());
        assertNull(ServerIdentity.currentTime(values));
    }
}
