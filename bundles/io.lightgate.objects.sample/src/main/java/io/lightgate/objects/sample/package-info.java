/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * A sample object bundle: IPSO Temperature (3303) from the host's thermal zones or a simulated
 * sensor.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.objects.sample;
