/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import io.lightgate.opcua.common.ServerAddress;
import io.lightgate.opcua.common.ServerPki;
import io.lightgate.opcua.common.ServerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
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

    // The keystore only protects a demo machine's key; it is not a secret worth configuring.
    private static final ServerPki.Keystore KEYSTORE =
            new ServerPki.Keystore("simulator.pfx", "lightgate-simulator", "Lightgate shop-floor simulator");

    private static final Logger LOG = LoggerFactory.getLogger(ShopFloorSimulator.class);

    // set by start() on the clock thread, read by deactivate() on the same thread
    private volatile OpcUaServer server;
    private ShopFloorNamespace namespace;
    private final ScheduledExecutorService clock;
    private final ServerAddress address;

    @Activate
    public ShopFloorSimulator(SimulatorConfig config, BundleContext context) {
        address = ServerAddress.of(config.bind_address(), config.port(), config.hostname(), config.path());
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightgate-opcua-simulator");
            t.setDaemon(true);
            return t;
        });
        // Certificates (made on first start) and Milo's server take seconds: not on the
        // configuration thread, which would hold up every other component's configuration.
        clock.execute(() -> start(config, context));
    }

    private void start(SimulatorConfig config, BundleContext context) {
        Path pki = config.pki_dir().isBlank() ? dataFolder(context).resolve("opcua-simulator") : Path.of(config.pki_dir());
        try {
            ServerPki certificates = ServerPki.load(pki, KEYSTORE, config.application_uri(), address.hostname(),
                    config.trust_all_clients());
            ServerSpec spec = new ServerSpec(address, config.application_uri(), "Lightgate shop-floor simulator",
                    "urn:lightgate:simulator", "Lightgate shop-floor simulator", true, config.anonymous(), List.of(config.users()),
                    "etc/" + PID + ".cfg");
            OpcUaServer s = spec.create(certificates);
            Machines machines = new Machines();
            ShopFloorNamespace ns = new ShopFloorNamespace(s, machines);
            ServerSpec.start(s, ns);
            server = s;
            namespace = ns;
            long interval = Math.max(50, config.update_interval_ms());
            clock.scheduleAtFixedRate(() -> {
                machines.step(interval / 1000.0);
                ns.publish();
            }, interval, interval, TimeUnit.MILLISECONDS);
            LOG.info("Shop-floor OPC UA simulator listening at {} (Security None and Basic256Sha256/SignAndEncrypt; PKI {})",
                    address.url(), pki);
        } catch (Exception e) {
            LOG.error("Shop-floor simulator cannot start at {}: {}. Change port/bind.address in etc/{}.cfg (PKI folder {})",
                    address.url(), ServerSpec.cause(e).toString(), PID, pki);
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
        return address.url();
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
        LOG.info("Shop-floor OPC UA simulator at {} stopped", address.url());
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("lightgate.data");
        return Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
    }
}
