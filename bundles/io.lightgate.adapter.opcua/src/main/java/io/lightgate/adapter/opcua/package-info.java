/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** OPC UA servers as virtual LwM2M endpoints (Eclipse Milo client). */
@org.jspecify.annotations.NullMarked
package io.lightgate.adapter.opcua;
