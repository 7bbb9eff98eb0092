/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.testing.fuzz;

/** The code under test, fed one input; it either returns or throws. */
@FunctionalInterface
public interface FuzzTarget {
    void accept(byte[] input) throws Exception;
}
