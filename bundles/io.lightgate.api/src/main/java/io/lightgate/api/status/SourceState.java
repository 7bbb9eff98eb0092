/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.status;

/** How an adapter's connection to one southbound source stands. */
public enum SourceState {
    /** No answer yet: the first attempt is under way. */
    CONNECTING,
    /** The source answers. */
    CONNECTED,
    /** The source answered no more (or never did): the adapter retries, see {@link SourceStatus#retryAt()}. */
    DISCONNECTED,
    /** The adapter gave up: the configuration has to change (see {@link SourceStatus#lastError()}). */
    FAILED
}
