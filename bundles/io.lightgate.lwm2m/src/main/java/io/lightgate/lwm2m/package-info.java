/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The LwM2M client engine (Californium, leshan-core's codecs): bootstrap, registration per server,
 * device management, observe, access control, send, queue mode. Not exported.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.lwm2m;
