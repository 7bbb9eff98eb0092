/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
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

    /** The configuration PID. */
    public static final String PID = "io.lightgate.adapter.opcua.registryserver";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOpcUaServer.class);

    private final ScheduledExecutorService worker;
    private final String url;
    // set by start() and read by stop(), both on the worker thread
    private OpcUaServer server;
    private volatile RegistryNamespace namespace;
    private ServiceRegistration<RegistryListener> listener;
    private ScheduledFuture<?> pending;

    @Activate
    public RegistryOpcUaServer(RegistryServerConfig config, BundleContext context, @Reference ObjectRegistry registry) {
        String hostname = config.hostname().isBlank() ? config.bind_address() : config.hostname();
        String path = config.path().startsWith("/") ? config.path() : "/" + config.path();
        url = "opc.tcp://" + hostname + ":" + config.port() + path;
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightgate-opcua-registry-server");
            t.setDaemon(true);
            return t;
        });
        // certificates (made on first start) and Milo's server take seconds: not on the configuration thread
        worker.execute(() -> start(config, context, registry, hostname, path));
    }

    private void start(RegistryServerConfig config, BundleContext context, ObjectRegistry registry, String hostname, String path) {
        String data = context.getProperty("lightgate.data");
        Path pki = config.pki_dir().isBlank()
                ? Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().resolve("opcua").resolve("server-pki")
                : Path.of(config.pki_dir());
        try {
            ServerPki certificates = ServerPki.load(pki, config.application_uri(), hostname, config.trust_all_clients());
            List<UserTokenPolicy> tokens = new ArrayList<>();
            if (config.anonymous()) {
                tokens.add(USER_TOKEN_POLICY_ANONYMOUS);
            }
            tokens.add(USER_TOKEN_POLICY_USERNAME);
            EndpointConfig.Builder base = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress(config.bind_address()).setBindPort(config.port()).setHostname(hostname).setPath(path)
                    .setCertificate(certificates.certificate()).addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new));
            Set<EndpointConfig> endpoints = new LinkedHashSet<>();
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
            if (config.allow_security_none()) {
                endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
            } else {
                // GetEndpoints must stay reachable without security (OPC UA Part 6: <path>/discovery)
                endpoints.add(base.copy().setPath(path + "/discovery").setSecurityPolicy(SecurityPolicy.None)
                        .setSecurityMode(MessageSecurityMode.None).build());
            }
            OpcUaServer s = new OpcUaServer(OpcUaServerConfig.builder()
                    .setApplicationUri(config.application_uri())
                    .setApplicationName(LocalizedText.english("Lightgate gateway"))
                    .setProductUri("urn:lightgate:gateway")
                    .setBuildInfo(new BuildInfo("urn:lightgate:gateway", "Lightgate", "Lightgate registry OPC UA server",
                            OpcUaServer.SDK_VERSION, "", DateTime.now()))
                    .setEndpoints(endpoints)
                    .setCertificateManager(certificates.manager())
                    .setIdentityValidator(identities(config))
                    .build(), profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
            RegistryNamespace ns = new RegistryNamespace(s, registry, Math.max(100, config.read_timeout_ms()));
            ns.startup();
            try {
                s.startup().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                ns.shutdown();
                s.shutdown();
                throw e;
            }
            server = s;
            namespace = ns;
            listener = context.registerService(RegistryListener.class, event -> {
                if (event.kind().changesTree()) {
                    scheduleRebuild();
                }
            }, new Hashtable<>());
            scheduleRebuild();
            LOG.info("Registry OPC UA server listening at {} (Basic256Sha256/SignAndEncrypt{}; PKI {})", url,
                    config.allow_security_none() ? " and None" : "", pki);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.error("The registry OPC UA server cannot start at {}: {}. Change port/bind.address in etc/{}.cfg (PKI folder {})",
                    url, cause.toString(), PID, pki);
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
        if (server == null) {
            return; // it never started
        }
        namespace.shutdown();
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Registry OPC UA server did not shut down cleanly: {}", e.toString());
        }
        LOG.info("Registry OPC UA server at {} stopped", url);
    }

    private synchronized void scheduleRebuild() {
        if (pending != null && pending.getDelay(TimeUnit.MILLISECONDS) > 0) {
            return;
        }
        pending = worker.schedule(() -> {
            try {
                namespace.rebuild();
            } catch (RuntimeException e) {
                LOG.error("Registry OPC UA server: rebuilding the address space failed: {}", e.toString(), e);
            }
        }, 200, TimeUnit.MILLISECONDS);
    }

    private static IdentityValidator identities(RegistryServerConfig config) {
        Map<String, String> users = new HashMap<>();
        for (String entry : config.users()) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                LOG.error("users entry '{}' in etc/{}.cfg is not user:password; ignored", entry, PID);
                continue;
            }
            users.put(entry.substring(0, colon).strip(), entry.substring(colon + 1));
        }
        IdentityValidator byPassword = new UsernameIdentityValidator(
                c -> c.getPassword() != null && c.getPassword().equals(users.get(c.getUsername())));
        return config.anonymous() ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, byPassword) : byPassword;
    }
}
