/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.dlms.protocol.DataType;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.api.device.DeviceDescription;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What a meter says about itself, read once per association: the COSEM logical device name, the
 * serial number and the active firmware identifier. Each is null when the meter does not have it.
 */
record MeterIdentity(String logicalDeviceName, String serialNumber, String firmware) {

    /** COSEM logical device name (Data): the manufacturer's FLAG id, then 13 manufacturer-specific characters. */
    static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.parse("0.0.42.0.0.255");
    /** Device ID 1, the manufacturing number (Data). */
    static final ObisCode SERIAL_NUMBER = ObisCode.parse("0.0.96.1.0.255");
    /** Active firmware identifier of the metrology part (Data). */
    static final ObisCode FIRMWARE_ID = ObisCode.parse("1.0.0.2.0.255");
    /** The Clock object (class 8), attribute 2 is its time. */
    static final ObisCode CLOCK = ObisCode.parse("0.0.1.0.0.255");

    static final MeterIdentity NONE = new MeterIdentity(null, null, null);

    /** The Device object's Device Type for every meter. */
    static final String DEVICE_TYPE = "DLMS/COSEM meter";

    /**
     * The manufacturer's three-letter FLAG id (the first three characters of the logical device
     * name when they are letters), or null. Lightgate has no table of FLAG ids to names, so the
     * id is what the Manufacturer resource reports.
     */
    String flagId() {
        if (logicalDeviceName == null || logicalDeviceName.length() < 3) {
            return null;
        }
        String flag = logicalDeviceName.substring(0, 3);
        return flag.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') ? flag.toUpperCase(java.util.Locale.ROOT) : null;
    }

    /**
     * The Device object's description: Manufacturer the FLAG id, Model Number the logical device
     * name, Serial Number and Firmware Version from the meter; what the meter lacks keeps the
     * value of {@code defaults}.
     */
    DeviceDescription describe(DeviceDescription defaults) {
        DeviceDescription d = defaults.withDeviceType(DEVICE_TYPE);
        if (flagId() != null) {
            d = d.withManufacturer(flagId());
        }
        if (logicalDeviceName != null) {
            d = d.withModelNumber(logicalDeviceName);
        }
        if (serialNumber != null) {
            d = d.withSerialNumber(serialNumber);
        }
        if (firmware != null) {
            d = d.withFirmwareVersion(firmware);
        }
        return d;
    }

    /**
     * A Data value as text: strings as they are, octet strings as ASCII when printable (else hex),
     * numbers in decimal; null for nothing or a blank text.
     */
    static String text(DlmsData d) {
        if (d == null || d.type() == DataType.NULL_DATA) {
            return null;
        }
        String text;
        if (d instanceof DlmsData.Text t) {
            text = t.value();
        } else if (d.type() == DataType.OCTET_STRING) {
            byte[] b = d.bytes();
            boolean printable = b.length > 0;
            for (byte x : b) {
                printable &= x >= 0x20 && x < 0x7F;
            }
            text = printable ? new String(b, StandardCharsets.US_ASCII) : HexFormat.of().withUpperCase().formatHex(b);
        } else if (d instanceof DlmsData.Int i) {
            text = Long.toString(i.value());
        } else {
            text = d.toString();
        }
        return text.isBlank() ? null : text.strip();
    }
}
