/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Hashtable;
import org.ops4j.pax.exam.Option;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Pax Exam options for OPC UA: the Milo wrapper bundle and what it imports (netty, Bouncy
 * Castle) with the shared io.lightgate.opcua bundle, the shop-floor simulator, the adapter and
 * the registry's OPC UA server; plus helpers to run the simulator.
 */
public final class OpcUaStack {

    private OpcUaStack() {
    }

    /**
     * Netty, Bouncy Castle (bcprov only when the LwM2M stack does not already bring it), the Milo
     * wrapper and io.lightgate.opcua, which every OPC UA bundle of the gateway imports.
     */
    public static Option milo(boolean withBcprov) {
        return composite(
                withBcprov ? maven("org.bouncycastle", "bcprov-jdk18on") : composite(),
                maven("org.bouncycastle", "bcutil-jdk18on"),
                maven("org.bouncycastle", "bcpkix-jdk18on"),
                maven("io.netty", "netty-common"), maven("io.netty", "netty-buffer"), maven("io.netty", "netty-resolver"),
                maven("io.netty", "netty-transport"), maven("io.netty", "netty-transport-native-unix-common"),
                maven("io.netty", "netty-codec"), maven("io.netty", "netty-handler"),
                bundle(GatewayTestSupport.jar("milo").toURI().toString()).startLevel(Lwm2mStack.LIBRARY_START_LEVEL),
                bundle(GatewayTestSupport.jar("opcua").toURI().toString()).startLevel(Lwm2mStack.LIBRARY_START_LEVEL));
    }

    public static Option simulator() {
        return bundle(GatewayTestSupport.jar("simulator.opcua").toURI().toString()).startLevel(Lwm2mStack.ENGINE_START_LEVEL);
    }

    public static Option adapter() {
        return bundle(GatewayTestSupport.jar("adapter.opcua").toURI().toString()).startLevel(Lwm2mStack.ENGINE_START_LEVEL);
    }

    /** The registry as an OPC UA server (PID io.lightgate.adapter.opcua.registryserver). */
    public static Option registryServer() {
        return bundle(GatewayTestSupport.jar("opcua.server").toURI().toString()).startLevel(Lwm2mStack.ENGINE_START_LEVEL);
    }

    private static Option maven(String group, String artifact) {
        return mavenBundle(group, artifact).versionAsInProject().startLevel(Lwm2mStack.LIBRARY_START_LEVEL);
    }

    /** A TCP port that was free a moment ago on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Configures (and so starts) the shop-floor simulator on loopback; answers its endpoint URL. */
    static String startSimulator(ConfigurationAdmin configAdmin, int port, String pkiDir) throws IOException {
        Configuration c = configAdmin.getConfiguration("io.lightgate.simulator.opcua", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("port", port);
        props.put("bind.address", "127.0.0.1");
        props.put("users", new String[] { "operator:secret" });
        props.put("pki.dir", pkiDir);
        props.put("update.interval.ms", 100L);
        c.update(props);
        return "opc.tcp://127.0.0.1:" + port + "/shopfloor";
    }

    /** Configures one OPC UA server for the adapter, as etc/io.lightgate.adapter.opcua.server-&lt;name&gt;.cfg would. */
    static Configuration configureServer(ConfigurationAdmin configAdmin, String name, java.util.Map<String, Object> settings)
            throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration("io.lightgate.adapter.opcua.server", name, "?");
        c.update(new Hashtable<>(settings));
        return c;
    }

    /** A Milo client on the simulator (Security None, anonymous), to check what the adapter did. */
    static org.eclipse.milo.opcua.sdk.client.OpcUaClient client(String url) throws Exception {
        return org.eclipse.milo.opcua.sdk.client.OpcUaClient.create(url,
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri()
                        .equals(org.eclipse.milo.opcua.stack.core.security.SecurityPolicy.None.getUri())).findFirst(),
                transport -> { }, cfg -> { }).connect();
    }

    static Object readValue(org.eclipse.milo.opcua.sdk.client.OpcUaClient client, String nodeId) throws Exception {
        return client.readValues(0.0, org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Neither,
                java.util.List.of(org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.parse(nodeId))).get(0).value().value();
    }

    static void stopSimulator(ConfigurationAdmin configAdmin) throws IOException {
        Configuration c = configAdmin.getConfiguration("io.lightgate.simulator.opcua", "?");
        c.delete();
    }
}
