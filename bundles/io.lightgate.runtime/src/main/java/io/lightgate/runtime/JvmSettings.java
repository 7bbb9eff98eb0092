/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which JVM settings the gateway runs on when started with {@code java -jar}: the exported
 * jar's launcher agent (io.lightgate.launcher.JvmChoice) has restarted it on the settings of a small
 * gateway, or left them as started and said why. It runs before the log is set up, so it leaves
 * this to be said here, through an environment variable or system properties (their names are
 * io.lightgate.launcher's RestartPlan.CHOSEN, JvmChoice.KEPT and KEPT_WARNING: the launcher is on the
 * class path outside the framework, not a bundle this one could import).
 */
final class JvmSettings {

    private static final Logger LOG = LoggerFactory.getLogger(JvmSettings.class);

    private JvmSettings() {
    }

    static void log(Map<String, String> environment, Function<String, String> property) {
        String chosen = environment.get("LIGHTGATE_JVM_CHOSEN");
        String kept = property.apply("lightgate.jvm.kept");
        if (chosen != null) {
            LOG.info("JVM settings of a small gateway, chosen at the start: {} (the JVM's own settings with -Dlightgate.jvm=keep, "
                    + "or with any JVM option of yours before -jar)", chosen);
        } else if (kept != null && Boolean.parseBoolean(property.apply("lightgate.jvm.kept.warning"))) {
            LOG.warn("JVM settings as started, not those of a small gateway: {}", kept);
        } else if (kept != null) {
            LOG.info("JVM settings as started: {}", kept);
        }
    }
}
