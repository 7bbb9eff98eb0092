/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.server.internal;

import io.lightgate.api.GatewayFolder;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryListener;
import io.lightgate.opcua.common.MiloServerHost;
import io.lightgate.opcua.common.ServerAddress;
import io.lightgate.opcua.common.ServerPki;
import io.lightgate.opcua.common.ServerSpec;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse direction: an OPC UA server (Milo) showing every endpoint of the registry
 * ({@link RegistryNamespace}), so SCADA/MES clients can browse, read, write and call the
 * gateway. Runs while its configuration exists; the address space is rebuilt (debounced) after
 * the registry's trees change.
 */
@Component(service = {}, immediate = true, configurationPid = RegistryOpcUaServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RegistryServerConfig.class)
public final class RegistryOpcUaServer {

    /** The configuration PID (named after the adapter bundle that held this server first; etc/ files use it). */
    public static final String PID = "io.lightgate.adapter.opcua.registryserver";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOpcUaServer.class);

    // The keystore only protects a gateway registry view's key; it is not a secret worth configuring.
    private static final ServerPki.Keystore KEYSTORE =
            new ServerPki.Keystore("server.pfx", "lightgate-registry-server", "Lightgate gateway (registry view)");

    private final MiloServerHost<RegistryNamespace> host;
    // set once the server runs and read when it stops, both on the host's worker thread
    private @Nullable ServiceRegistration<RegistryListener> listener;
    private @Nullable ScheduledFuture<?> pending;

    @Activate
    public RegistryOpcUaServer(RegistryServerConfig config, BundleContext context, @Reference ObjectRegistry registry) {
        ServerSpec spec = new ServerSpec(ServerAddress.of(config.bind_address(), config.port(), config.hostname(), config.path()),
                config.application_uri(), "Lightgate gateway", "urn:lightgate:gateway", "Lightgate registry OPC UA server",
                config.allow_security_none(), config.anonymous(), List.of(config.users()), "etc/" + PID + ".cfg");
        host = new MiloServerHost<>("Registry OPC UA server", "lightgate-opcua-registry-server", spec);
        host.start(pki(config, context), KEYSTORE, config.trust_all_clients(),
                server -> new RegistryNamespace(server, registry, Math.max(100, config.read_timeout_ms())),
                namespace -> {
                    listener = context.registerService(RegistryListener.class, event -> {
                        if (event.kind().changesTree()) {
                            scheduleRebuild();
                        }
                    }, new Hashtable<>());
                    scheduleRebuild();
                });
    }

    private static Path pki(RegistryServerConfig config, BundleContext context) {
        if (!config.pki_dir().isBlank()) {
            return Path.of(config.pki_dir());
        }
        return GatewayFolder.DATA.path(context).resolve("opcua").resolve("server-pki");
    }

    @Deactivate
    void deactivate() {
        host.close(() -> {
            ServiceRegistration<RegistryListener> l = listener;
            if (l != null) {
                try {
                    l.unregister();
                } catch (IllegalStateException e) {
                    // already gone
                }
            }
        });
    }

    private synchronized void scheduleRebuild() {
        ScheduledFuture<?> p = pending;
        if (p != null && p.getDelay(TimeUnit.MILLISECONDS) > 0) {
            return;
        }
        pending = host.worker().schedule(() -> {
            try {
                RegistryNamespace ns = host.namespace();
                if (ns != null) {
                    ns.rebuild();
                }
            } catch (RuntimeException e) {
                LOG.error("Registry OPC UA server: rebuilding the address space failed: {}", e.toString(), e);
            }
        }, 200, TimeUnit.MILLISECONDS);
    }
}
