/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Restarts the OSGi framework (not the machine) by updating the system bundle.
 *
 * <p>The update runs on its own thread, after a delay, never on the caller's: the caller is
 * an engine thread answering an Execute. Updating the system bundle stops every bundle,
 * the engine included, which waits for its own threads; doing that from one of them would
 * deadlock or cut the response off, and the server would never learn that the Reboot was
 * accepted. The delay lets the 2.04 leave first.
 *
 * <p>Whether the process comes back depends on the launcher: bnd's launcher exits the JVM
 * when the framework stops unless the run descriptor sets {@code -runframeworkrestart: true};
 * under a service manager that restarts the process, both end in a fresh framework.
 */
final class FrameworkRestart {

    private static final System.Logger LOG = System.getLogger(FrameworkRestart.class.getName());

    private final Bundle systemBundle;
    private final long delayMillis;
    private final AtomicBoolean pending = new AtomicBoolean();

    FrameworkRestart(Bundle systemBundle, long delayMillis) {
        this.systemBundle = systemBundle;
        this.delayMillis = Math.max(0, delayMillis);
    }

    /** Schedules the restart; a second request while one is pending changes nothing. */
    void restartLater(String reason) {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> run(reason), "lightgate-framework-restart");
        t.start();
    }

    /** True once a restart has been requested. */
    boolean isPending() {
        return pending.get();
    }

    private void run(String reason) {
        try {
            Thread.sleep(delayMillis);
            LOG.log(Level.INFO, "Restarting the OSGi framework: {0}", reason);
            systemBundle.update();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.set(false);
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.ERROR, "Restarting the OSGi framework failed", e);
            pending.set(false);
        }
    }
}
