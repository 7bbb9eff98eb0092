/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/** The web console and REST/JSON API of the local LwM2M server, on the OSGi servlet whiteboard. */
@org.jspecify.annotations.NullMarked
package io.lightgate.console;
