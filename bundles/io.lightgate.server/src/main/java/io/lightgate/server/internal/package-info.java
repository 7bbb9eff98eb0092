/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The Leshan-based local LwM2M server and bootstrap server behind io.lightgate.server.api. Not
 * exported.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.server.internal;
