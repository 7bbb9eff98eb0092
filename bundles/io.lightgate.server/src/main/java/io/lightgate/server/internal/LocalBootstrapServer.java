/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.server.api.BootstrapEntry;
import io.lightgate.server.api.LocalServerException;
import io.lightgate.server.api.LocalServerException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.InvalidConfigurationException;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.SecurityStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local bootstrap server: one {@link BootstrapEntry} per endpoint name, kept in
 * data/server/bootstrap.json. Clients bootstrapping with DTLS use the credentials of the
 * local server's security store.
 */
final class LocalBootstrapServer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBootstrapServer.class);

    private final LeshanBootstrapServer server;
    private final InMemoryBootstrapConfigStore store;
    private final JsonFile<BootstrapEntry> file;
    private final Map<String, BootstrapEntry> entries = new ConcurrentHashMap<>();

    private LocalBootstrapServer(LeshanBootstrapServer server, InMemoryBootstrapConfigStore store, JsonFile<BootstrapEntry> file) {
        this.server = server;
        this.store = store;
        this.file = file;
    }

    static LocalBootstrapServer start(LocalServerConfiguration config, Path folder, SecurityStore security, ModelRepository models) {
        CaliforniumBootstrapServerEndpointsProvider.Builder endpoints = new CaliforniumBootstrapServerEndpointsProvider.Builder(
                new CoapBootstrapServerProtocolProvider(), new CoapsBootstrapServerProtocolProvider());
        Configuration coap = endpoints.createDefaultConfiguration();
        endpoints.setConfiguration(coap);
        endpoints.addEndpoint(new InetSocketAddress(config.coap_host(), config.bootstrap_port()), Protocol.COAP);
        if (config.bootstrap_coaps_port() >= 0) {
            endpoints.addEndpoint(new InetSocketAddress(config.coap_host(), config.bootstrap_coaps_port()), Protocol.COAPS);
        }
        InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setConfigStore(store);
        builder.setSecurityStore(new BootstrapSecurityStoreAdapter(security));
        LocalBootstrapServer bootstrap = new LocalBootstrapServer(builder.build(), store,
                new JsonFile<>(folder.resolve("bootstrap.json"), new TypeReference<List<BootstrapEntry>>() {
                }));
        bootstrap.load();
        bootstrap.server.start();
        return bootstrap;
    }

    private void load() {
        try {
            for (BootstrapEntry entry : file.read()) {
                try {
                    apply(entry);
                } catch (LocalServerException e) {
                    LOG.warn("Bootstrap configuration of {} in {} is invalid and skipped: {}", entry.endpoint(), file.path(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot read {} ({}): no bootstrap configuration loaded; fix or delete the file", file.path(), e.getMessage());
        }
    }

    List<String> listenUris() {
        return server.getEndpoints().stream().map(e -> e.getURI().toString()).sorted().toList();
    }

    List<BootstrapEntry> entries() {
        return entries.values().stream().sorted(Comparator.comparing(BootstrapEntry::endpoint)).toList();
    }

    void put(BootstrapEntry entry) {
        apply(entry);
        save();
        LOG.info("Bootstrap configuration of {} set: register to {}", entry.endpoint(), entry.serverUri());
    }

    boolean remove(String endpoint) {
        boolean removed = entries.remove(endpoint) != null;
        store.remove(endpoint);
        if (removed) {
            save();
        }
        return removed;
    }

    private void apply(BootstrapEntry entry) {
        BootstrapConfig config;
        try {
            config = BootstrapConfigs.toLeshan(entry);
            store.add(entry.endpoint(), config);
        } catch (IllegalArgumentException | InvalidConfigurationException e) {
            throw new LocalServerException(Reason.BAD_REQUEST, null, "Invalid bootstrap configuration for " + entry.endpoint() + ": " + e.getMessage(), e);
        }
        entries.put(entry.endpoint(), entry);
    }

    private void save() {
        try {
            file.write(new ArrayList<>(entries()));
        } catch (IOException e) {
            LOG.error("Cannot write {} ({}): bootstrap configurations will not survive a restart", file.path(), e.getMessage());
        }
    }

    void stop() {
        server.destroy();
    }
}
