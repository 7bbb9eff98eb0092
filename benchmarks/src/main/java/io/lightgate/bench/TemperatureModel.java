/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.eclipse.leshan.core.model.ResourceModel.Type;

/**
 * The two resources of OMA Temperature (3303) the composite-observe scenario uses, for the Leshan
 * server and the Leshan client baseline (Leshan ships only the core models): Sensor Value (5700,
 * Float) and Sensor Units (5701, String), as in the registry's 3303.xml.
 */
final class TemperatureModel {

    static final int OBJECT_ID = 3303;
    static final int SENSOR_VALUE = 5700;
    static final int SENSOR_UNITS = 5701;

    private TemperatureModel() {
    }

    static ObjectModel model() {
        return new ObjectModel(OBJECT_ID, "Temperature", "", ObjectModel.DEFAULT_VERSION, true, false,
                new ResourceModel(SENSOR_VALUE, "Sensor Value", Operations.R, false, true, Type.FLOAT, "", "", ""),
                new ResourceModel(SENSOR_UNITS, "Sensor Units", Operations.R, false, false, Type.STRING, "", "", ""));
    }

    /** Leshan's default (core) models and Temperature. */
    static List<ObjectModel> withDefaults() {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        models.add(model());
        return models;
    }
}
