/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuring the engine and its servers through ConfigAdmin, as etc/ files would. */
final class EngineSupport {

    private final ConfigurationAdmin configurationAdmin;
    private final List<Configuration> created = new ArrayList<>();

    EngineSupport(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** Loopback sockets, fast updates. */
    void configureEngine() throws IOException {
        configureEngine(java.util.Map.of());
    }

    /** Loopback sockets, fast updates, and more engine settings (e.g. dtls.resumption.after.quiet.s). */
    void configureEngine(java.util.Map<String, Object> settings) throws IOException {
        Configuration c = configurationAdmin.getConfiguration("io.lightgate.lwm2m", "?");
        Hashtable<String, Object> props = new Hashtable<>(settings);
        props.put("local.address", "127.0.0.1");
        props.put("update.delay.ms", 100L);
        props.put("request.timeout.ms", 3000L);
        c.update(props);
        created.add(c);
    }

    /** Adds a management server, as etc/io.lightgate.lwm2m.server-&lt;name&gt;.cfg would. */
    Configuration addServer(String name, URI uri, int shortServerId) throws IOException {
        return addServer(name, uri, shortServerId, java.util.Map.of());
    }

    /** Adds a management server with more settings (e.g. security.mode, psk.identity, psk.key.file). */
    Configuration addServer(String name, URI uri, int shortServerId, java.util.Map<String, Object> settings) throws IOException {
        Configuration c = configurationAdmin.getFactoryConfiguration("io.lightgate.lwm2m.server", name, "?");
        Hashtable<String, Object> props = new Hashtable<>(settings);
        props.put("uri", uri.toString());
        props.put("short.server.id", shortServerId);
        props.put("name", name);
        c.update(props);
        created.add(c);
        return c;
    }

    void deleteAll() {
        for (Configuration c : created) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
        created.clear();
    }

    /** The Temperature model, so the Leshan server can decode 3303. */
    static List<ObjectModel> temperatureModel() throws Exception {
        try (InputStream in = EngineSupport.class.getResourceAsStream("/ddf/3303.xml")) {
            return ObjectLoader.loadDdfFile(in, "3303.xml", false);
        }
    }
}
