/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (and so {@code System.Logger}, which object bundles use because
 * they may import only the Lightgate API) into SLF4J, so every log line of the gateway has
 * one format and one destination.
 */
final class JulToSlf4j {

    private JulToSlf4j() {
    }

    static void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    static void uninstall() {
        if (SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.uninstall();
        }
    }
}
