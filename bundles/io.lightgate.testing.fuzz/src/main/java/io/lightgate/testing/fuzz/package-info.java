/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Seeded mutation fuzzing for tests: a reproducible stream of mutated inputs fed to a decoder
 * under test.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.testing.fuzz;
