/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Firmware Update (5) of the gateway's own endpoint: a package is a new gateway image, applied by
 * the supervisor.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.objects.firmware;
