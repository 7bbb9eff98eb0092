/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Software Management (9) of the gateway's own endpoint: add-on bundles installed, started,
 * stopped and uninstalled by the LwM2M server.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.objects.software;
