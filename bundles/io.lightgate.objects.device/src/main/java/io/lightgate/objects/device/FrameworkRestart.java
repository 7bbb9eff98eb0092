/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the gateway's OSGi framework (not the machine) inside the running JVM: it lowers
 * the framework start level to 1, which stops every bundle above it (components deactivate,
 * endpoints de-register, state is flushed), then raises it back, which starts them again from
 * their configuration. Updating the system bundle instead would make bnd's launcher exit the
 * JVM, which is only a restart under a service manager.
 *
 * <p>The restart runs on its own thread, after a delay, never on the caller's: the caller is
 * an engine thread answering an Execute, and stopping the engine from one of its own threads
 * would deadlock or cut the response off. The delay lets the 2.04 leave first.
 */
final class FrameworkRestart {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkRestart.class);
    private static final int LOWEST_LEVEL = 1;

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
            FrameworkStartLevel startLevel = systemBundle.adapt(FrameworkStartLevel.class);
            if (startLevel == null) {
                throw new IllegalStateException("the framework offers no start level service");
            }
            int level = startLevel.getStartLevel();
            LOG.info("Restarting the OSGi framework: {} (start level {} -> {} -> {})", reason, level, LOWEST_LEVEL, level);
            startLevel.setStartLevel(LOWEST_LEVEL, event -> {
                // every bundle above level 1 is stopped now: bring them back
                startLevel.setStartLevel(level, done -> LOG.info("OSGi framework restarted ({})", reason));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.set(false);
        } catch (RuntimeException e) {
            LOG.error("Restarting the OSGi framework failed", e);
            pending.set(false);
        }
    }
}
