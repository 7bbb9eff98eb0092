/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.server.internal;

import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryListener;
import io.lightgate.opcua.common.ServerAddress;
import io.lightgate.opcua.common.ServerPki;
import io.lightgate.opcua.common.ServerSpec;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
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

    // The keystore only protects a gateway registry view's key; it is not a secret worth configuring.
    private static final ServerPki.Keystore KEYSTORE =
            new ServerPki.Keystore("server.pfx", "lightgate-registry-server", "Lightgate gateway (registry view)");

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOpcUaServer.class);

    private final ScheduledExecutorService worker;
    private final ServerAddress address;
    // set by start() and read by stop(), both on the worker thread
    private @Nullable OpcUaServer server;
    private volatile @Nullable RegistryNamespace namespace;
    private @Nullable ServiceRegistration<RegistryListener> listener;
    private @Nullable ScheduledFuture<?> pending;

    @Activate
    public RegistryOpcUaServer(RegistryServerConfig config, BundleContext context, @Reference ObjectRegistry registry) {
        address = ServerAddress.of(config.bind_address(), config.port(), config.hostname(), config.path());
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightgate-opcua-registry-server");
            t.setDaemon(true);
            return t;
        });
        // certificates (made on first start) and Milo's server take seconds: not on the configuration thread
        worker.execute(() -> start(config, context, registry));
    }

    private void start(RegistryServerConfig config, BundleContext context, ObjectRegistry registry) {
        String data = context.getProperty("lightgate.data");
        Path pki = config.pki_dir().isBlank()
                ? Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("opcua").resolve("server-pki")
                : Path.of(config.pki_dir());
        try {
            ServerPki certificates = ServerPki.load(pki, KEYSTORE, config.application_uri(), address.hostname(),
                    config.trust_all_clients());
            ServerSpec spec = new ServerSpec(address, config.application_uri(), "Lightgate gateway", "urn:lightgate:gateway",
                    "Lightgate registry OPC UA server", config.allow_security_none(), config.anonymous(), List.of(config.users()),
                    "etc/" + PID + ".cfg");
            OpcUaServer s = spec.create(certificates);
            RegistryNamespace ns = new RegistryNamespace(s, registry, Math.max(100, config.read_timeout_ms()));
            ServerSpec.start(s, ns);
            server = s;
            namespace = ns;
            listener = context.registerService(RegistryListener.class, event -> {
                if (event.kind().changesTree()) {
                    scheduleRebuild();
                }
            }, new Hashtable<>());
            scheduleRebuild();
            LOG.info("Registry OPC UA server listening at {} (Basic256Sha256/SignAndEncrypt{}; PKI {})", address.url(),
                    config.allow_security_none() ? " and None" : "", pki);
        } catch (Exception e) {
            LOG.error("The registry OPC UA server cannot start at {}: {}. Change port/bind.address in etc/{}.cfg (PKI folder {})",
                    address.url(), ServerSpec.cause(e).toString(), PID, pki);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            worker.submit(this::stop).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Registry OPC UA server did not shut down cleanly: {}", e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    private void stop() {
        if (listener != null) {
            try {
                listener.unregister();
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        OpcUaServer s = server;
        RegistryNamespace ns = namespace;
        if (s == null || ns == null) {
            return; // it never started
        }
        ns.shutdown();
        try {
            s.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Registry OPC UA server did not shut down cleanly: {}", e.toString());
        }
        LOG.info("Registry OPC UA server at {} stopped", address.url());
    }

    private synchronized void scheduleRebuild() {
        ScheduledFuture<?> p = pending;
        if (p != null && p.getDelay(TimeUnit.MILLISECONDS) > 0) {
            return;
        }
        pending = worker.schedule(() -> {
            try {
                RegistryNamespace ns = namespace;
                if (ns != null) {
                    ns.rebuild();
                }
            } catch (RuntimeException e) {
                LOG.error("Registry OPC UA server: rebuilding the address space failed: {}", e.toString(), e);
            }
        }, 200, TimeUnit.MILLISECONDS);
    }
}
