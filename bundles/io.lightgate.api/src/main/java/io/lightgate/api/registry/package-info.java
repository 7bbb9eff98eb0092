/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** The shared object registry: endpoints, their object trees, and change events. */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.5.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api.registry;
