/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (and so {@code System.Logger}) into SLF4J, so that the lines of
 * libraries and JDK parts that log there have the same format and destination as the
 * gateway's own: every Lightgate bundle logs through SLF4J.
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
