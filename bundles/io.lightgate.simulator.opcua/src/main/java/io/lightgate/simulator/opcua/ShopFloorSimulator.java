/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop-floor OPC UA server (Eclipse Milo) with simulated machines, for the tests and the demo.
 * Runs while its configuration exists ({@value #PID}); endpoints: Security None and
 * Basic256Sha256/SignAndEncrypt, anonymous (if allowed) and username/password identities.
 */
@Component(service = ShopFloorSimulator.class, immediate = true, configurationPid = ShopFloorSimulator.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class ShopFloorSimulator {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.simulator.opcua";

    private static final Logger LOG = LoggerFactory.getLogger(ShopFloorSimulator.class);

    // set by start() on the clock thread, read by deactivate() on the same thread
    private volatile OpcUaServer server;
    private ShopFloorNamespace namespace;
    private final ScheduledExecutorService clock;
    private final String endpointUrl;

    @Activate
    public ShopFloorSimulator(SimulatorConfig config, BundleContext context) {
        String hostname = config.hostname().isBlank() ? config.bind_address() : config.hostname();
        String path = config.path().startsWith("/") ? config.path() : "/" + config.path();
        endpointUrl = "opc.tcp://" + hostname + ":" + config.port() + path;
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightgate-opcua-simulator");
            t.setDaemon(true);
            return t;
        });
        // Certificates (made on first start) and Milo's server take seconds: not on the
        // configuration thread, which would hold up every other component's configuration.
        clock.execute(() -> start(config, context, hostname, path));
    }

    private void start(SimulatorConfig config, BundleContext context, String hostname, String path) {
        Path pki = config.pki_dir().isBlank() ? dataFolder(context).resolve("opcua-simulator") : Path.of(config.pki_dir());
        try {
            ServerCertificates certificates = ServerCertificates.load(pki, config.application_uri(), hostname, config.trust_all_clients());
            List<UserTokenPolicy> tokens = new ArrayList<>();
            if (config.anonymous()) {
                tokens.add(USER_TOKEN_POLICY_ANONYMOUS);
            }
            tokens.add(USER_TOKEN_POLICY_USERNAME);
            Set<EndpointConfig> endpoints = new LinkedHashSet<>();
            EndpointConfig.Builder base = EndpointConfig.newBuilder()
                    .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress(config.bind_address())
                    .setBindPort(config.port())
                    .setHostname(hostname)
                    .setPath(path)
                    .setCertificate(certificates.certificate())
                    .addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new));
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                    .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());

            OpcUaServerConfig serverConfig = OpcUaServerConfig.builder()
                    .setApplicationUri(config.application_uri())
                    .setApplicationName(LocalizedText.english("Lightgate shop-floor simulator"))
                    .setProductUri("urn:lightgate:simulator")
                    .setBuildInfo(new BuildInfo("urn:lightgate:simulator", "Lightgate", "Lightgate shop-floor simulator",
                            OpcUaServer.SDK_VERSION, "", DateTime.now()))
                    .setEndpoints(endpoints)
                    .setCertificateManager(certificates.manager())
                    .setIdentityValidator(identities(config))
                    .build();
            OpcUaServer s = new OpcUaServer(serverConfig, profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
            Machines machines = new Machines();
            ShopFloorNamespace ns = new ShopFloorNamespace(s, machines);
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
            long interval = Math.max(50, config.update_interval_ms());
            clock.scheduleAtFixedRate(() -> {
                machines.step(interval / 1000.0);
                ns.publish();
            }, interval, interval, TimeUnit.MILLISECONDS);
            LOG.info("Shop-floor OPC UA simulator listening at {} (Security None and Basic256Sha256/SignAndEncrypt; PKI {})",
                    endpointUrl, pki);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.error("Shop-floor simulator cannot start at {}: {}. Change port/bind.address in etc/{}.cfg (PKI folder {})",
                    endpointUrl, cause.toString(), PID, pki);
        }
    }

    /** The sessions the server holds now (tests: a client that reconnects must not leave one behind). */
    public int sessionCount() {
        OpcUaServer s = server;
        return s == null ? 0 : s.getSessionManager().getAllSessions().size();
    }

    /** The subscriptions the server holds now. */
    public int subscriptionCount() {
        OpcUaServer s = server;
        return s == null ? 0 : s.getSubscriptions().size();
    }

    /** The URL clients connect to. */
    public String endpointUrl() {
        return endpointUrl;
    }

    @Deactivate
    void deactivate() {
        try {
            clock.submit(this::stop).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Shop-floor simulator did not shut down cleanly: {}", e.toString());
        } finally {
            clock.shutdownNow();
        }
    }

    private void stop() {
        if (server == null) {
            return; // it never started
        }
        namespace.shutdown();
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Shop-floor simulator did not shut down cleanly: {}", e.toString());
        }
        LOG.info("Shop-floor OPC UA simulator at {} stopped", endpointUrl);
    }

    private static IdentityValidator identities(SimulatorConfig config) {
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
                challenge -> challenge.getPassword() != null && challenge.getPassword().equals(users.get(challenge.getUsername())));
        return config.anonymous() ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, byPassword) : byPassword;
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("lightgate.data");
        return Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
    }
}
