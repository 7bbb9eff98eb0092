/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import org.slf4j.LoggerFactory;

/**
 * Ends the gateway's JVM with an exit code for its supervisor. {@link System#exit} runs the
 * shutdown hooks, among them the runtime bundle's, which stops the OSGi framework in order
 * (endpoints de-register, state is flushed) before the JVM ends with this code.
 */
@FunctionalInterface
interface GatewayExit {

    /** Exits with the code after the delay, on a thread of its own (never the caller's: it answers a request). */
    void exitLater(int code, long delayMillis, String reason);

    GatewayExit JVM = (code, delayMillis, reason) -> {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, delayMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoggerFactory.getLogger(GatewayExit.class).info("Exiting with code {}: {}", code, reason);
            System.exit(code);
        }, "lightgate-firmware-exit");
        t.start();
    };
}
