/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * DLMS/COSEM meters as virtual LwM2M endpoints and objects, read through the io.lightgate.dlms
 * client.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.adapter.dlms;
