/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import io.lightgate.api.ConfigurationOrigin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The configuration part of a Factory Reset: deletes the Lightgate configurations that were
 * made at runtime (by a server, the shell or a console) and keeps those that come from files
 * in etc/, which are the gateway's installed configuration. A process cannot wipe its own
 * framework data area while running, so this is as far as a reset from inside can honestly go.
 */
final class FactoryReset {

    /** Lightgate's singleton and factory configurations. */
    static final String FILTER = "(|(service.pid=io.lightgate*)(service.factoryPid=io.lightgate*))";

    private FactoryReset() {
    }

    /**
     * Deletes the runtime-made Lightgate configurations.
     *
     * @return the PIDs deleted
     */
    static List<String> deleteRuntimeConfigurations(ConfigurationAdmin configAdmin) throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations(FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter " + FILTER + " is invalid", e);
        }
        List<String> deleted = new ArrayList<>();
        if (found == null) {
            return deleted;
        }
        for (Configuration c : found) {
            var props = c.getProperties();
            if (props != null && props.get(ConfigurationOrigin.FILE_PROPERTY) != null) {
                continue;
            }
            deleted.add(c.getPid());
            c.delete();
        }
        return deleted;
    }
}
