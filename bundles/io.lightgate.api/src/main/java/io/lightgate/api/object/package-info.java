/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** The contract an object bundle implements, and helpers that make a simple object a few lines. */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.5.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api.object;
