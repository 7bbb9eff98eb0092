/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * The soak's OPC UA endpoints: N Milo servers in this JVM, each with one Int64 variable
 * (ns=2;s=Signal), each one endpoint of the OPC UA adapter in the embedded gateway
 * ({@code opc-<N>-<i>}) mapping the variable to /4/0/2, so the Leshan server observes it and the
 * {@link Ledger} counts it as the agent's endpoints. A value the server's sampling read (every
 * monitored item's sampling reads the node's Value attribute) counts as read by the
 * implementation. A server can be stopped and started again on the same port
 * ({@link #stopServer}, {@link #startServer}); while it is down the driver sets nothing there.
 */
final class MiloFleet implements Fleet {

    private static final String NS = "urn:lightgate:bench:soak";

    private final GatewayFleet gateway;
    private final double samplingMs;
    private final double publishingMs;
    private final List<Integer> ports = new ArrayList<>();
    private final List<String> pids = new ArrayList<>();
    private volatile SignalServer[] servers = new SignalServer[0];
    private volatile boolean[] down = new boolean[0];
    private AtomicLongArray reads;
    private AtomicLongArray lastSet;
    private int count;

    MiloFleet(GatewayFleet gateway, double samplingMs, double publishingMs) {
        this.gateway = gateway;
        this.samplingMs = samplingMs;
        this.publishingMs = publishingMs;
    }

    @Override
    public String label() {
        return "Lightgate OPC UA adapter";
    }

    @Override
    public String name(int count, int index) {
        return "opc-" + count + "-" + index;
    }

    @Override
    public void start(int count) throws Exception {
        start(count, new AtomicLongArray(count));
    }

    @Override
    public void start(int count, AtomicLongArray reads) throws Exception {
        this.count = count;
        this.reads = reads;
        this.lastSet = new AtomicLongArray(count);
        servers = new SignalServer[count];
        down = new boolean[count];
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
            servers[i] = new SignalServer(ports.get(i), i, 0, reads);
        }
        for (int i = 0; i < count; i++) {
            pids.add((String) gateway.command("configure", "io.lightgate.adapter.opcua.server", name(count, i), adapterConfig(i)));
        }
    }

    private Map<String, Object> adapterConfig(int i) {
        Map<String, Object> c = new HashMap<>();
        c.put("endpoint.url", servers[i].url);
        c.put("endpoint.name", name(count, i));
        c.put("trust.all.servers", true);
        c.put("sampling.interval.ms", samplingMs);
        c.put("publishing.interval.ms", publishingMs);
        c.put("mappings", new String[] { "ns=2;s=Signal -> 4/0/2" });
        return c;
    }

    /** True while server i is stopped: the driver sets nothing there (no source holds such a value). */
    boolean isDown(int i) {
        return down[i];
    }

    @Override
    public void change(int index, long value) {
        lastSet.set(index, value);
        servers[index].set(value);
    }

    /** Stops server i (its clients see the connection close); the driver pauses for it first. */
    void stopServer(int i) throws Exception {
        down[i] = true;
        servers[i].stop();
    }

    /** A new server on the same port with the last value set before the stop, as a restarted device comes back. */
    void startServer(int i) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 50; attempt++) { // the port can take a moment to be free again
            try {
                servers[i] = new SignalServer(ports.get(i), i, lastSet.get(i), reads);
                down[i] = false;
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("OPC UA server " + i + " did not start again on port " + ports.get(i), last);
    }

    int servers() {
        return count;
    }

    @Override
    public void stop() throws Exception {
        for (String pid : pids) {
            gateway.command("unconfigure", pid);
        }
        pids.clear();
        Thread.sleep(2000); // the endpoints de-register before their OPC UA servers go
        for (int i = 0; i < servers.length; i++) {
            if (!down[i]) {
                servers[i].stop();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A Milo server (Security None, anonymous) with the Int64 variable ns=2;s=Signal. */
    private static final class SignalServer {
        final String url;
        private final OpcUaServer server;
        private final SignalNamespace namespace;

        SignalServer(int port, int index, long initial, AtomicLongArray reads) throws Exception {
            this.url = "opc.tcp://127.0.0.1:" + port + "/soak";
            EndpointConfig endpoint = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress("127.0.0.1").setBindPort(port).setHostname("127.0.0.1").setPath("/soak")
                    .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                    .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
            server = new OpcUaServer(OpcUaServerConfig.builder().setApplicationUri("urn:lightgate:bench:soak:" + port)
                    .setApplicationName(LocalizedText.english("soak " + index)).setEndpoints(Set.of(endpoint))
                    .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine())).build(),
                    profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
            namespace = new SignalNamespace(server, index, initial, reads);
            namespace.startup();
            try {
                server.startup().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                namespace.shutdown();
                server.shutdown().get(10, TimeUnit.SECONDS);
                throw e;
            }
        }

        void set(long value) {
            namespace.set(value);
        }

        void stop() throws Exception {
            namespace.shutdown();
            server.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    private static final class SignalNamespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;
        private volatile UaVariableNode node;

        SignalNamespace(OpcUaServer server, int index, long initial, AtomicLongArray reads) {
            super(server, NS);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> {
                UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Soak"), newQualifiedName("Soak"),
                        LocalizedText.english("Soak"));
                getNodeManager().addNode(folder);
                folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
                UaVariableNode n = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(newNodeId("Signal"))
                        .setAccessLevel(AccessLevel.READ_ONLY).setUserAccessLevel(AccessLevel.READ_ONLY)
                        .setBrowseName(newQualifiedName("Signal")).setDisplayName(LocalizedText.english("Signal"))
                        .setDataType(NodeIds.Int64).setTypeDefinition(NodeIds.BaseDataVariableType).build();
                n.setValue(new DataValue(new Variant(initial)));
                // every read of the Value (a sampling of a monitored item, a Read) notes the value as read
                n.getFilterChain().addLast(new AttributeFilter() {
                    @Override
                    public Object getAttribute(AttributeFilterContext ctx, AttributeId id) {
                        return noted(id, ctx.getAttribute(id));
                    }

                    @Override
                    public Object readAttribute(AttributeFilterContext ctx, AttributeId id) throws UaException {
                        return noted(id, ctx.readAttribute(id));
                    }

                    private Object noted(AttributeId id, Object v) {
                        if (id == AttributeId.Value && v instanceof DataValue dv && dv.value().value() instanceof Long l) {
                            reads.accumulateAndGet(index, l, Math::max);
                        }
                        return v;
                    }
                });
                getNodeManager().addNode(n);
                folder.addOrganizes(n);
                node = n;
            });
        }

        void set(long value) {
            UaVariableNode n = node;
            if (n != null) {
                n.setValue(new DataValue(new Variant(value)));
            }
        }

        @Override public void onDataItemsCreated(List<DataItem> items) { subscriptions.onDataItemsCreated(items); }
        @Override public void onDataItemsModified(List<DataItem> items) { subscriptions.onDataItemsModified(items); }
        @Override public void onDataItemsDeleted(List<DataItem> items) { subscriptions.onDataItemsDeleted(items); }
        @Override public void onMonitoringModeChanged(List<MonitoredItem> items) { subscriptions.onMonitoringModeChanged(items); }
    }
}
