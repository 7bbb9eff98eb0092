/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the OSGi framework when the JVM is asked to exit (SIGTERM from systemd, Ctrl-C), so
 * that every component is deactivated in order: endpoints de-register, state is flushed.
 * Without this hook the JVM would exit with the framework still running.
 */
final class ShutdownOnSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownOnSignal.class);
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Thread hook;

    ShutdownOnSignal(BundleContext context) {
        Framework framework = (Framework) context.getBundle(0);
        hook = new Thread(() -> stop(framework), "lightgate-shutdown");
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called when the framework stops by itself: the hook is no longer needed. */
    void uninstall() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, i.e. we are inside the hook: nothing to remove
        }
    }

    private static void stop(Framework framework) {
        LOG.info("Shutdown requested (signal): stopping the gateway");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The gateway did not stop within {} ms; exiting anyway", STOP_TIMEOUT_MS);
            } else {
                System.out.println("Gateway stopped."); // logging is gone with its bundles by now
            }
        } catch (BundleException e) {
            LOG.error("Stopping the framework failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
