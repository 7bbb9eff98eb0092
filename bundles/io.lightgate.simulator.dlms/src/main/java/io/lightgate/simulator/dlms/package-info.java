/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * A simulated DLMS/COSEM meter (a DLMS server on io.lightgate.dlms, WRAPPER or HDLC over TCP) for
 * the demo, tests and benchmarks.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.simulator.dlms;
