/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.Value;
import java.time.Instant;
import java.util.Map;

/**
 * What the last successful poll read.
 *
 * @param values by {@link MappedResource#key()}; a resource the meter could not deliver is absent
 * @param at when the poll finished
 * @param profile the load profile's newest entries
 */
record MeterState(Map<String, Value> values, Instant at, LoadProfile profile) {

    static final MeterState NONE = new MeterState(Map.of(), Instant.EPOCH, LoadProfile.EMPTY);
}
