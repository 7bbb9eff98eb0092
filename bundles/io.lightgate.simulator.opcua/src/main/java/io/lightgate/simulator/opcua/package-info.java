/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** A Milo OPC UA server with a few simulated shop-floor machines, for tests and the demo. */
@org.jspecify.annotations.NullMarked
package io.lightgate.simulator.opcua;
