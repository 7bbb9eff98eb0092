/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Start-up of the gateway process: data and configuration folders, log routing (JUL to SLF4J),
 * shutdown on signal, idle-heap trimming.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.runtime;
