/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** The LwM2M Device object (3) of the gateway's own endpoint, filled from the real host. */
@org.jspecify.annotations.NullMarked
package io.lightgate.objects.device;
