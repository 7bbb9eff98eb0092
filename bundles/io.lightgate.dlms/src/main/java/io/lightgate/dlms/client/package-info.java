/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The DLMS/COSEM client: transports (WRAPPER and HDLC over TCP), the association and the
 * GET/SET/ACTION services with block transfer, and helpers for the interface classes a meter
 * reader needs (Register scaler/unit, Clock date-time, Profile Generic selective access,
 * Association LN object list). Blocking I/O with socket timeouts: call it from a bounded
 * executor, never from a thread that must not wait.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.dlms.client;
