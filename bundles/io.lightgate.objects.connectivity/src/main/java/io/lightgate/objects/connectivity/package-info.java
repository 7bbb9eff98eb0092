/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Connectivity Monitoring (4) and Connectivity Statistics (7) of the gateway's own endpoint, from
 * the real host.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.objects.connectivity;
