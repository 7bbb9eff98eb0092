/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * What the gateway reports about itself, for consoles and tools: its registrations with the
 * northbound LwM2M servers ({@link io.lightgate.api.status.RegistrationMonitor}) and the
 * connections of its adapters to southbound sources ({@link io.lightgate.api.status.SourceMonitor}, since 1.1); values superseded under the engine's
 * {@code notifications.backlog = newest} in {@link io.lightgate.api.status.RegistrationStatus} since 1.2.
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.2.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api.status;
