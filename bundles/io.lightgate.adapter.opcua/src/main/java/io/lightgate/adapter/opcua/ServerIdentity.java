/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.device.DeviceDescription;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The Device object's identity from an OPC UA server's ServerStatus (i=2256) and application URI:
 * <ul>
 * <li>0 Manufacturer: BuildInfo.ManufacturerName;</li>
 * <li>1 Model Number: BuildInfo.ProductName;</li>
 * <li>2 Serial Number: the server's ApplicationUri (it names this installation; ProductUri only
 * names the product);</li>
 * <li>3 Firmware Version: BuildInfo.SoftwareVersion, " build " BuildNumber, " (" BuildDate ")";</li>
 * <li>17 Device Type: "OPC UA server", with BuildInfo.ProductUri in parentheses;</li>
 * <li>19 Software Version: BuildInfo.SoftwareVersion;</li>
 * <li>18 Hardware Version: OPC UA does not tell; {@value DeviceDescription#UNKNOWN}.</li>
 * </ul>
 * ServerStatus.CurrentTime becomes the Device object's clock.
 */
final class ServerIdentity {

    /** What one Read asks the server, in this order. */
    static final List<NodeId> NODES = List.of(NodeIds.Server_ServerStatus_BuildInfo_ManufacturerName,
            NodeIds.Server_ServerStatus_BuildInfo_ProductName, NodeIds.Server_ServerStatus_BuildInfo_SoftwareVersion,
            NodeIds.Server_ServerStatus_BuildInfo_BuildNumber, NodeIds.Server_ServerStatus_BuildInfo_BuildDate,
            NodeIds.Server_ServerStatus_BuildInfo_ProductUri, NodeIds.Server_ServerStatus_CurrentTime);

    private static final int MANUFACTURER = 0;
    private static final int PRODUCT = 1;
    private static final int VERSION = 2;
    private static final int BUILD_NUMBER = 3;
    private static final int BUILD_DATE = 4;
    private static final int PRODUCT_URI = 5;
    private static final int CURRENT_TIME = 6;

    private ServerIdentity() {
    }

    /** The description of the server that answered {@code values} (read from {@link #NODES}). */
    static DeviceDescription describe(String endpointName, String applicationUri, List<DataValue> values) {
        String version = text(values, VERSION);
        StringBuilder firmware = new StringBuilder(version == null ? "" : version);
        String build = text(values, BUILD_NUMBER);
        if (build != null) {
            firmware.append(firmware.length() == 0 ? "build " : " build ").append(build);
        }
        Instant built = time(values, BUILD_DATE);
        if (built != null) {
            firmware.append(firmware.length() == 0 ? "" : " ").append('(').append(built.atOffset(ZoneOffset.UTC).toLocalDate()).append(')');
        }
        String productUri = text(values, PRODUCT_URI);
        return DeviceDescription.unknown(endpointName)
                .withManufacturer(text(values, MANUFACTURER))
                .withModelNumber(text(values, PRODUCT))
                .withSerialNumber(applicationUri == null || applicationUri.isBlank() ? endpointName : applicationUri)
                .withFirmwareVersion(firmware.toString())
                .withSoftwareVersion(version)
                .withDeviceType("OPC UA server" + (productUri == null ? "" : " (" + productUri + ")"));
    }

    /** The server's clock reading, or null when it did not tell. */
    static Instant currentTime(List<DataValue> values) {
        return time(values, CURRENT_TIME);
    }

    private static String text(List<DataValue> values, int index) {
        Object v = value(values, index);
        if (v instanceof LocalizedText t) {
            v = t.text();
        }
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    private static Instant time(List<DataValue> values, int index) {
        // DateTime.MIN_VALUE (1601) is OPC UA's "no time"
        return value(values, index) instanceof DateTime t && t.getUtcTime() > 0 ? t.getJavaInstant() : null;
    }

    private static Object value(List<DataValue> values, int index) {
        if (index >= values.size()) {
            return null;
        }
        DataValue d = values.get(index);
        if (d == null || d.value() == null || (d.statusCode() != null && d.statusCode().isBad())) {
            return null;
        }
        return d.value().value();
    }
}
