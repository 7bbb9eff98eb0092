/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ResourceType;

/**
 * One LwM2M resource fed by a meter.
 *
 * @param objectId the LwM2M object (10242, 10243, 3305, 3331)
 * @param instanceId its instance (3331: 0 import, 1 export)
 * @param resourceId the resource
 * @param source the COSEM object(s) read
 * @param unit the unit the object model asks for (kW, kWh, V, ...), empty for none
 * @param type FLOAT for measurements, STRING for texts (serial number, ...)
 */
record MappedResource(int objectId, int instanceId, int resourceId, Source source, String unit, ResourceType type) {

    String key() {
        return objectId + "/" + instanceId + "/" + resourceId;
    }
}
