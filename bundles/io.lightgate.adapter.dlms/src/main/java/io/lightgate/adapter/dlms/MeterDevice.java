/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.device.DeviceDescription;
import io.lightgate.api.device.VirtualDevice;
import java.time.Instant;

/**
 * The Device object (3) of a meter's own endpoint, kept up to date from its polls: identity
 * (FLAG id, logical device name, serial number, firmware) from each association, Current Time
 * from the meter's clock read in every poll, Error Code 7 while the meter does not answer.
 * Reboot releases the association and associates again.
 */
final class MeterDevice implements MeterListener {

    private final DeviceDescription defaults;
    private final VirtualDevice device;

    /**
     * @param endpoint the meter's endpoint name (the serial number until the meter tells its own)
     * @param meter the meter Reboot re-associates
     */
    MeterDevice(String endpoint, Meter meter) {
        this.defaults = DeviceDescription.unknown(endpoint).withDeviceType(MeterIdentity.DEVICE_TYPE);
        // Reboot runs on an engine thread: start the re-association and return
        this.device = new VirtualDevice(defaults, args -> meter.reassociate());
    }

    VirtualDevice object() {
        return device;
    }

    @Override
    public void answered(MeterIdentity identity, Instant meterTime, Instant hostTime) {
        device.describe(identity.describe(defaults));
        if (meterTime != null) {
            device.setSourceClock(meterTime, hostTime);
        }
        device.setErrorCodes();
    }

    @Override
    public void unreachable() {
        device.setErrorCodes(VirtualDevice.IP_CONNECTIVITY_FAILURE);
    }
}
