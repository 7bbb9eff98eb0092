/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Fetching a package (a bundle, an image) from a URI for the gateway's management objects, so
 * that an object bundle needs no protocol stack of its own to pull over CoAP.
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api.download;
