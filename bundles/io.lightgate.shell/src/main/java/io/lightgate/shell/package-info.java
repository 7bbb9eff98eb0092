/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Gogo shell commands ({@code lwm2m:*}) over the registry and model services of io.lightgate.api.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.shell;
