/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The shared object registry: whiteboard tracking of contributed objects and endpoints, one object
 * tree per endpoint, change events, and the model repository (an extender loading DDF files
 * shipped by bundles).
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.registry;
