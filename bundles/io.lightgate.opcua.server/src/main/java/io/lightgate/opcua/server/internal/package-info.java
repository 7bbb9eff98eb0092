/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The registry as an OPC UA server (Eclipse Milo): the DS component, its configuration and the
 * address space built from the registry's trees. Private to the bundle.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.opcua.server.internal;
