/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench.dropin;

import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;

/**
 * The object bundle the hot-deploy benchmark copies into load/ and deletes again: a DS
 * component (OSGI-INF/io.lightgate.bench.dropin.DroppedHumidity.xml, written by hand because
 * this module is not built with bnd) contributing Humidity (3304) to the gateway's endpoint,
 * the way any object bundle does. Its model comes from io.lightgate.models.oma in the gateway.
 */
public final class DroppedHumidity extends SimpleObject {

    public DroppedHumidity() {
        super(SimpleInstance.builder(0).floating(5700, () -> 41.5).string(5701, () -> "%RH").build());
    }
}
