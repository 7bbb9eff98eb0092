/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import io.lightgate.opcua.common.MiloServerHost;
import io.lightgate.opcua.common.ServerAddress;
import io.lightgate.opcua.common.ServerPki;
import io.lightgate.opcua.common.ServerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

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

    private final MiloServerHost<ShopFloorNamespace> host;
    private final ServerAddress address;

    @Activate
    public ShopFloorSimulator(SimulatorConfig config, BundleContext context) {
        address = ServerAddress.of(config.bind_address(), config.port(), config.hostname(), config.path());
        ServerSpec spec = new ServerSpec(address, config.application_uri(), "Lightgate shop-floor simulator",
                "urn:lightgate:simulator", "Lightgate shop-floor simulator", true, config.anonymous(), List.of(config.users()),
                "etc/" + PID + ".cfg");
        host = new MiloServerHost<>("Shop-floor OPC UA simulator", "lightgate-opcua-simulator", spec);
        Path pki = config.pki_dir().isBlank() ? dataFolder(context).resolve("opcua-simulator") : Path.of(config.pki_dir());
        Machines machines = new Machines();
        long interval = Math.max(50, config.update_interval_ms());
        host.start(pki, KEYSTORE, config.trust_all_clients(), server -> new ShopFloorNamespace(server, machines),
                namespace -> host.worker().scheduleAtFixedRate(() -> {
                    machines.step(interval / 1000.0);
                    namespace.publish();
                }, interval, interval, TimeUnit.MILLISECONDS));
    }

    /** The sessions the server holds now (tests: a client that reconnects must not leave one behind). */
    public int sessionCount() {
        OpcUaServer s = host.server();
        return s == null ? 0 : s.getSessionManager().getAllSessions().size();
    }

    /** The subscriptions the server holds now. */
    public int subscriptionCount() {
        OpcUaServer s = host.server();
        return s == null ? 0 : s.getSubscriptions().size();
    }

    /** The URL clients connect to. */
    public String endpointUrl() {
        return address.url();
    }

    @Deactivate
    void deactivate() {
        host.close();
    }

    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("lightgate.data");
        return Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
    }
}
