/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.api.device.DeviceDescription;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** How a meter's identity objects become the Device object's description. */
public class MeterIdentityTest {

    private static final DeviceDescription DEFAULTS = DeviceDescription.unknown("meter-7");

    @Test
    public void theFlagIdIsTheManufacturerAndTheLogicalDeviceNameTheModel() {
        DeviceDescription d = new MeterIdentity("KFM1200123456789", "12345678", "V2.04").describe(DEFAULTS);
        assertEquals("KFM", d.manufacturer());
        assertEquals("KFM1200123456789", d.modelNumber());
        assertEquals("12345678", d.serialNumber());
        assertEquals("V2.04", d.firmwareVersion());
        assertEquals(MeterIdentity.DEVICE_TYPE, d.deviceType());
    }

    @Test
    public void whatTheMeterLacksKeepsTheDefaults() {
        DeviceDescription d = MeterIdentity.NONE.describe(DEFAULTS);
        assertEquals(DeviceDescription.UNKNOWN, d.manufacturer());
        assertEquals("serial defaults to the endpoint name", "meter-7", d.serialNumber());
        assertEquals(DeviceDescription.UNKNOWN, d.firmwareVersion());
        // a name that does not start with three letters has no FLAG id
        assertNull(new MeterIdentity("0123456789", null, null).flagId());
        assertEquals(DeviceDescription.UNKNOWN, new MeterIdentity("0123456789", null, null).describe(DEFAULTS).manufacturer());
    }

    @Test
    public void dataValuesAsText() {
        assertEquals("LGS IT-1", MeterIdentity.text(DlmsData.octets("LGS IT-1".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("not printable: hex", "00FF10", MeterIdentity.text(DlmsData.octets(new byte[] {0, (byte) 0xFF, 0x10})));
        assertEquals("12345678", MeterIdentity.text(DlmsData.uint32(12345678)));
        assertEquals("SN 1", MeterIdentity.text(DlmsData.visible(" SN 1 ")));
        assertNull(MeterIdentity.text(DlmsData.visible("   ")));
        assertNull(MeterIdentity.text(null));
    }
}
