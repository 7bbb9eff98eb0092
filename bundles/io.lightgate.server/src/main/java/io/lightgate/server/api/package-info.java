/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The local LwM2M server as seen by other bundles (the web console, shell commands): the
 * registered clients, device management on them, observations and their notifications,
 * security credentials and bootstrap configurations. No Leshan or Californium type appears here.
 */
@org.osgi.annotation.bundle.Export
// 1.0.0: paths and values are the SPI's LwM2mPath, Value and ExecuteArguments instead of text
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.server.api;
