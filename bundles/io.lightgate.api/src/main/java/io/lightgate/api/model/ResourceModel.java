/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.model;

import io.lightgate.api.ResourceType;
import java.util.Objects;

/**
 * The definition of one resource of an object.
 *
 * @param id resource id
 * @param name human-readable name
 * @param operations R, W, RW, E or none
 * @param multiple true for multi-instance resources
 * @param mandatory true when every instance must implement it
 * @param type the data type ({@link ResourceType#NONE} for executables, and for the few
 *        published DDF files that leave a readable resource untyped)
 * @param range the DDF range or enumeration text, empty when none
 * @param units the unit text, empty when none
 * @param description the DDF description
 */
public record ResourceModel(int id, String name, Operations operations, boolean multiple, boolean mandatory,
        ResourceType type, String range, String units, String description) {

    public ResourceModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(type, "type");
        range = range == null ? "" : range;
        units = units == null ? "" : units;
        description = description == null ? "" : description;
    }
}
