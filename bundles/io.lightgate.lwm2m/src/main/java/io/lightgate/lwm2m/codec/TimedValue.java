/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import java.time.Instant;
import java.util.Objects;

/**
 * A value sampled at a time, for the timestamped SenML payloads of Send (LwM2M 1.1).
 *
 * @param time when the value was taken; {@code null} for "now" (the record carries no time)
 * @param content the value in the shape {@link ContentCodec#encodeRead} takes for the path: a
 *        {@link io.lightgate.api.Resource}, an {@link io.lightgate.api.InstanceContent} or a
 *        {@code List<InstanceContent>}
 */
public record TimedValue(Instant time, Object content) {

    public TimedValue {
        Objects.requireNonNull(content, "content");
    }
}
