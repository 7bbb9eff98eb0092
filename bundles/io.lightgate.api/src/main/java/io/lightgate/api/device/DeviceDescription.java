/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.device;

import java.util.Objects;

/**
 * What a device says about itself, for the identity resources of the LwM2M Device object (3).
 * Every field is a non-null text; an adapter fills what its source reports and keeps the
 * defaults of {@link #unknown(String)} for the rest. Immutable: {@code with...} makes a copy.
 *
 * @param manufacturer resource 0
 * @param modelNumber resource 1
 * @param serialNumber resource 2
 * @param firmwareVersion resource 3
 * @param deviceType resource 17
 * @param hardwareVersion resource 18
 * @param softwareVersion resource 19
 */
public record DeviceDescription(String manufacturer, String modelNumber, String serialNumber, String firmwareVersion,
        String deviceType, String hardwareVersion, String softwareVersion) {

    /** What is reported for a field the source does not tell. */
    public static final String UNKNOWN = "unknown";

    public DeviceDescription {
        manufacturer = text(manufacturer);
        modelNumber = text(modelNumber);
        serialNumber = text(serialNumber);
        firmwareVersion = text(firmwareVersion);
        deviceType = text(deviceType);
        hardwareVersion = text(hardwareVersion);
        softwareVersion = text(softwareVersion);
    }

    /**
     * A description that knows only the endpoint: the serial number is the endpoint name (unique in
     * the gateway), the device type says it is a virtual device, the rest is {@value #UNKNOWN}.
     */
    public static DeviceDescription unknown(String endpointName) {
        Objects.requireNonNull(endpointName, "endpointName");
        return new DeviceDescription(UNKNOWN, UNKNOWN, endpointName, UNKNOWN, "Virtual device", UNKNOWN, UNKNOWN);
    }

    public DeviceDescription withManufacturer(String value) {
        return new DeviceDescription(value, modelNumber, serialNumber, firmwareVersion, deviceType, hardwareVersion, softwareVersion);
    }

    public DeviceDescription withModelNumber(String value) {
        return new DeviceDescription(manufacturer, value, serialNumber, firmwareVersion, deviceType, hardwareVersion, softwareVersion);
    }

    public DeviceDescription withSerialNumber(String value) {
        return new DeviceDescription(manufacturer, modelNumber, value, firmwareVersion, deviceType, hardwareVersion, softwareVersion);
    }

    public DeviceDescription withFirmwareVersion(String value) {
        return new DeviceDescription(manufacturer, modelNumber, serialNumber, value, deviceType, hardwareVersion, softwareVersion);
    }

    public DeviceDescription withDeviceType(String value) {
        return new DeviceDescription(manufacturer, modelNumber, serialNumber, firmwareVersion, value, hardwareVersion, softwareVersion);
    }

    public DeviceDescription withHardwareVersion(String value) {
        return new DeviceDescription(manufacturer, modelNumber, serialNumber, firmwareVersion, deviceType, value, softwareVersion);
    }

    public DeviceDescription withSoftwareVersion(String value) {
        return new DeviceDescription(manufacturer, modelNumber, serialNumber, firmwareVersion, deviceType, hardwareVersion, value);
    }

    // a blank text from a source (an empty BuildInfo field, say) is as good as none
    private static String text(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value.strip();
    }
}
