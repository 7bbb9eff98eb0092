/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Notification attributes of LwM2M observations (OMA LwM2M Core 1.1 §5.1.2, §6.4; edge from 1.2):
 * parsing and validating Write-Attributes ({@link io.lightgate.lwm2m.observe.NotificationAttributes}),
 * keeping them per server and path ({@link io.lightgate.lwm2m.observe.AttributeStore}) and deciding when
 * one observation notifies ({@link io.lightgate.lwm2m.observe.NotificationPolicy}). Plain Java: no
 * Californium, Leshan or OSGi type, so the engine drives it and tests run without a network.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.lwm2m.observe;
