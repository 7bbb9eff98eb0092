/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.util.Arrays;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs where the console can be opened, whenever the HTTP runtime (re)starts or moves. */
@Component(immediate = true)
public final class ConsoleAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAnnouncer.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        announce(properties);
    }

    void updatedRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        announce(properties);
    }

    void unbindRuntime(HttpServiceRuntime runtime) {
        // nothing to undo
    }

    private static void announce(Map<String, Object> properties) {
        Object endpoints = properties.get("osgi.http.endpoint");
        String[] urls = endpoints instanceof String[] array ? array : endpoints == null ? new String[0] : new String[] { endpoints.toString() };
        for (String url : urls) {
            String base = url.endsWith("/") ? url : url + "/";
            LOG.info("Web console: {}console/ (REST API: {}api/)", base, base);
        }
        if (urls.length == 0) {
            LOG.debug("HTTP runtime without endpoint: {}", Arrays.toString(urls));
        }
    }
}
