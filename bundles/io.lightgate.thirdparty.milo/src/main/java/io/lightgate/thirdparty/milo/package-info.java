/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The activator of the Milo wrapper bundle: releases Milo's shared thread pools when the bundle
 * stops.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.thirdparty.milo;
