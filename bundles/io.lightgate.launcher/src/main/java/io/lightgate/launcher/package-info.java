/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The JVM settings of {@code java -jar gateway.jar}: started with none of its own, the gateway
 * restarts in place on the settings of a small gateway (the ones bin/lightgate passes).
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.launcher;
