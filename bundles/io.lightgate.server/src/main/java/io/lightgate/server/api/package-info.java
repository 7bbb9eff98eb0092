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
@org.osgi.annotation.versioning.Version("0.1.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.server.api;
