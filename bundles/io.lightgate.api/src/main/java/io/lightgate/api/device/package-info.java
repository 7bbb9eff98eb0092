/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The LwM2M Device object (3) for virtual endpoints: an adapter describes its source
 * ({@link io.lightgate.api.device.DeviceDescription}) and contributes a
 * {@link io.lightgate.api.device.VirtualDevice}.
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.api.device;
