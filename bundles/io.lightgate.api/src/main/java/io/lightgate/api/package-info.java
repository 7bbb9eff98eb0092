/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Paths, typed values, resources and errors shared by every Lightgate contributor, and the
 * engine's traffic counters ({@link io.lightgate.api.NetworkTraffic}, since 1.1) and where a
 * component's configuration came from ({@link io.lightgate.api.ConfigurationOrigin}, since 1.4).
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.4.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api;
