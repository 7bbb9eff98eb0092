/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
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
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * OPC UA data changes to LwM2M notifications. Milo servers in this JVM (plain classpath) hold
 * Double variables that a driver sets to {@code System.nanoTime()} every period; what arrives
 * is timed against that. Per scenario (servers x items), one after the other:
 * <ol>
 * <li>the <b>baseline</b>: one plain Milo client per server subscribes to every item (the
 * same sampling and publishing intervals): data changes/s and set->received latency. This is
 * the ceiling: the adapter uses the same client stack;</li>
 * <li><b>Lightgate</b>: the gateway's bundles plus the OPC UA adapter in an embedded Felix,
 * one adapter configuration per server mapping item i to /3303/i/5700; a Leshan server observes
 * every mapped resource: notifications/s and set->notification latency.</li>
 * </ol>
 * Prints figures; never fails on them. Everything on 127.0.0.1.
 */
public final class OpcUaBench {

    private static final String NS = "urn:lightgate:bench:items";

    private final int seconds = Integer.getInteger("bench.opcua.seconds", 10);
    private final int warmupSeconds = Integer.getInteger("bench.opcua.warmup.seconds", 3);
    private final long periodMs = Long.getLong("bench.opcua.period.ms", 100);
    private final double samplingMs = Double.parseDouble(System.getProperty("bench.opcua.sampling.ms", "50"));
    private final double publishingMs = Double.parseDouble(System.getProperty("bench.opcua.publishing.ms", "100"));

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int status;
        try {
            status = new OpcUaBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Counts arrivals and their latencies during the measured phase. */
    static final class Tally {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicLong count = new AtomicLong();
        final long[] latencies = new long[2_000_000];
        final AtomicLong stored = new AtomicLong();

        void arrived(double setAtNanos) {
            if (!measuring.get()) {
                return;
            }
            long latency = System.nanoTime() - (long) setAtNanos;
            count.incrementAndGet();
            long i = stored.getAndIncrement();
            if (i < latencies.length) {
                latencies[(int) i] = latency;
            }
        }

        String figures(double secondsMeasured) {
            int n = (int) Math.min(stored.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%,.0f/s | %.1f / %.1f ms", count.get() / secondsMeasured,
                    percentile(sorted, 50), percentile(sorted, 99));
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    private int run() throws Exception {
        List<int[]> scenarios = new ArrayList<>();
        for (String s : System.getProperty("bench.opcua.scenarios", "1x1000,10x100").split(",")) {
            String[] p = s.strip().split("x");
            scenarios.add(new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) });
        }
        Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath();
        Path bundles = Path.of(System.getProperty("bench.bundles", "target/bundles")).toAbsolutePath();
        Path agentJar = Path.of(System.getProperty("bench.agent", "target/io.lightgate.benchmarks-0.1.0-SNAPSHOT-agent.jar")).toAbsolutePath();
        Files.createDirectories(work);
        log(String.format(Locale.ROOT, "driver sets every item every %d ms; sampling %.0f ms, publishing %.0f ms; %d s measured after %d s",
                periodMs, samplingMs, publishingMs, seconds, warmupSeconds));
        List<String> rows = new ArrayList<>();
        LeshanServer leshan = leshan();
        Tally[] current = { new Tally() };
        leshan.getObservationService().addListener(new ObservationListener() {
            @Override public void newObservation(Observation o, Registration r) { }
            @Override public void cancelled(Observation o) { }
            @Override public void onResponse(CompositeObservation o, Registration r, ObserveCompositeResponse response) { }
            @Override public void onError(Observation o, Registration r, Exception e) { }

            @Override
            public void onResponse(SingleObservation o, Registration r, ObserveResponse response) {
                if (response.getContent() instanceof LwM2mSingleResource res && res.getValue() instanceof Double d) {
                    current[0].arrived(d);
                }
            }
        });
        GatewayFleet gateway = new GatewayFleet(leshan.getEndpoint(Protocol.COAP).getURI(), bundles, agentJar, work);
        try {
            for (int[] sc : scenarios) {
                int servers = sc[0];
                int items = sc[1];
                log("scenario " + servers + " server(s) x " + items + " items");
                List<ItemServer> opc = new ArrayList<>();
                for (int s = 0; s < servers; s++) {
                    opc.add(new ItemServer(freePort(), items));
                }
                Driver driver = new Driver(opc, periodMs);
                List<String> pids = new ArrayList<>();
                driver.start();
                try {
                    // baseline: plain Milo clients
                    Tally raw = new Tally();
                    List<OpcUaClient> clients = new ArrayList<>();
                    for (ItemServer server : opc) {
                        clients.add(subscribe(server, raw));
                    }
                    measure(raw);
                    for (OpcUaClient c : clients) {
                        c.disconnect();
                    }
                    // Lightgate: adapter -> registry -> engine -> Leshan
                    Tally lg = new Tally();
                    current[0] = lg;
                    List<String> names = new ArrayList<>();
                    for (int s = 0; s < servers; s++) {
                        String name = "opcua-bench-" + servers + "x" + items + "-" + s;
                        names.add(name);
                        pids.add((String) gateway.command("configure", "io.lightgate.adapter.opcua.server", name,
                                adapterConfig(opc.get(s), name, items)));
                    }
                    int observed = observeAll(leshan, names, items);
                    log("  observing " + observed + " resources at the Leshan server");
                    measure(lg);
                    double offered = (double) servers * items * 1000 / periodMs;
                    rows.add(String.format(Locale.ROOT, "| %d x %d | %,.0f/s | %s | %s |", servers, items, offered,
                            raw.figures(seconds), lg.figures(seconds)));
                    log("  " + rows.get(rows.size() - 1));
                } finally {
                    driver.stop();
                    for (String pid : pids) {
                        gateway.command("unconfigure", pid);
                    }
                    Thread.sleep(2000); // the endpoints de-register before their OPC UA servers go
                    for (ItemServer s : opc) {
                        s.stop();
                    }
                }
            }
        } finally {
            gateway.shutdown();
            leshan.destroy();
        }
        String table = "| servers x items | offered changes | raw Milo subscription: data changes, set->received p50 / p99 "
                + "| Lightgate: notifications at Leshan, set->notification p50 / p99 |\n|---|---|---|---|\n" + String.join("\n", rows);
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("opcua-results.md"), table + "\n");
        return 0;
    }

    private void measure(Tally tally) throws InterruptedException {
        Thread.sleep(warmupSeconds * 1000L);
        tally.measuring.set(true);
        Thread.sleep(seconds * 1000L);
        tally.measuring.set(false);
    }

    private Map<String, Object> adapterConfig(ItemServer server, String name, int items) {
        Map<String, Object> c = new HashMap<>();
        c.put("endpoint.url", server.url);
        c.put("endpoint.name", name);
        c.put("trust.all.servers", true);
        c.put("sampling.interval.ms", samplingMs);
        c.put("publishing.interval.ms", publishingMs);
        String[] mappings = new String[items];
        for (int i = 0; i < items; i++) {
            mappings[i] = "ns=2;s=Item" + i + " -> 3303/" + i + "/5700";
        }
        c.put("mappings", mappings);
        return c;
    }

    /** Waits for the endpoints, then observes /3303/i/5700 on each; answers how many observations hold. */
    private int observeAll(LeshanServer leshan, List<String> names, int items) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int observed = 0;
        for (String name : names) {
            Registration r;
            while ((r = leshan.getRegistrationService().getByEndpoint(name)) == null || !r.getSupportedObject().containsKey(3303)) {
                if (System.nanoTime() > deadline) {
                    log("  " + name + " did not register with object 3303 within 60 s");
                    return observed;
                }
                Thread.sleep(100);
            }
            // the first values arrive with the subscription; before that a read (and an observe) answers 5.03
            while (true) {
                ReadResponse read = null;
                try {
                    read = leshan.send(r, new ReadRequest(ContentFormat.TLV, 3303, items - 1, 5700), 5000);
                } catch (Exception e) {
                    // retried
                }
                if (read != null && read.isSuccess()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    log("  " + name + " has no value for /3303/" + (items - 1) + "/5700 within 60 s");
                    return observed;
                }
                Thread.sleep(100);
            }
            for (int i = 0; i < items; i++) {
                try {
                    ObserveResponse response = leshan.send(r, new ObserveRequest(ContentFormat.TLV, 3303, i, 5700), 5000);
                    if (response != null && response.isSuccess()) {
                        observed++;
                    }
                } catch (Exception e) {
                    // counted as not observed
                }
            }
        }
        return observed;
    }

    private OpcUaClient subscribe(ItemServer server, Tally tally) throws Exception {
        OpcUaClient client = OpcUaClient.create(server.url,
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri().equals(SecurityPolicy.None.getUri())).findFirst(),
                t -> { }, c -> { }).connect();
        OpcUaSubscription subscription = new OpcUaSubscription(client, publishingMs);
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
                for (DataValue v : values) {
                    if (v.value().value() instanceof Double d) {
                        tally.arrived(d);
                    }
                }
            }
        });
        subscription.create();
        for (int i = 0; i < server.items; i++) {
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(new NodeId(server.namespaceIndex(), "Item" + i));
            item.setSamplingInterval(samplingMs);
            subscription.addMonitoredItem(item);
        }
        subscription.synchronizeMonitoredItems();
        return client;
    }

    private static LeshanServer leshan() throws Exception {
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        Configuration coap = endpoints.createDefaultConfiguration();
        coap.set(CoapConfig.EXCHANGE_LIFETIME, 5, TimeUnit.SECONDS);
        coap.set(CoapConfig.NON_LIFETIME, 5, TimeUnit.SECONDS);
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024 * 1024);
        endpoints.setConfiguration(coap);
        endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP);
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
        try (InputStream in = OpcUaBench.class.getResourceAsStream("/3303.xml")) {
            models.addAll(ObjectLoader.loadDdfFile(in, "3303.xml", false));
        }
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationStore(new InMemoryRegistrationStore());
        builder.setObjectModelProvider(new VersionedModelProvider(models));
        LeshanServer server = builder.build();
        server.start();
        return server;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void log(String line) {
        System.out.println("# " + line);
    }

    /** Sets every item of every server to System.nanoTime() once per period. */
    private static final class Driver {
        private final List<ItemServer> servers;
        private final long periodMs;
        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        Driver(List<ItemServer> servers, long periodMs) {
            this.servers = servers;
            this.periodMs = periodMs;
        }

        void start() {
            timer.scheduleAtFixedRate(() -> servers.forEach(ItemServer::setAll), periodMs, periodMs, TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }
    }

    /** A Milo server with Double variables Item0..Item(n-1) in ns=2, Security None, anonymous. */
    private static final class ItemServer {
        final String url;
        final int items;
        private final OpcUaServer server;
        private final Namespace namespace;

        ItemServer(int port, int items) throws Exception {
            this.items = items;
            this.url = "opc.tcp://127.0.0.1:" + port + "/bench";
            EndpointConfig endpoint = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress("127.0.0.1").setBindPort(port).setHostname("127.0.0.1").setPath("/bench")
                    .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                    .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
            server = new OpcUaServer(OpcUaServerConfig.builder().setApplicationUri("urn:lightgate:bench:" + port)
                    .setApplicationName(LocalizedText.english("bench")).setEndpoints(Set.of(endpoint))
                    .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine())).build(),
                    profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
            namespace = new Namespace(server, items);
            namespace.startup();
            server.startup().get(30, TimeUnit.SECONDS);
        }

        int namespaceIndex() {
            return namespace.getNamespaceIndex().intValue();
        }

        void setAll() {
            namespace.setAll(System.nanoTime());
        }

        void stop() throws Exception {
            namespace.shutdown();
            server.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    private static final class Namespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;
        private final List<UaVariableNode> nodes = new ArrayList<>();

        Namespace(OpcUaServer server, int items) {
            super(server, NS);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> {
                UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("Items"), newQualifiedName("Items"),
                        LocalizedText.english("Items"));
                getNodeManager().addNode(folder);
                folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
                for (int i = 0; i < items; i++) {
                    UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(newNodeId("Item" + i))
                            .setAccessLevel(AccessLevel.READ_ONLY).setUserAccessLevel(AccessLevel.READ_ONLY)
                            .setBrowseName(newQualifiedName("Item" + i)).setDisplayName(LocalizedText.english("Item" + i))
                            .setDataType(NodeIds.Double).setTypeDefinition(NodeIds.BaseDataVariableType).build();
                    node.setValue(new DataValue(new Variant(0.0)));
                    getNodeManager().addNode(node);
                    folder.addOrganizes(node);
                    nodes.add(node);
                }
            });
        }

        void setAll(long nanos) {
            DataValue v = new DataValue(new Variant((double) nanos));
            for (UaVariableNode n : nodes) {
                n.setValue(v);
            }
        }

        @Override public void onDataItemsCreated(List<DataItem> items) { subscriptions.onDataItemsCreated(items); }
        @Override public void onDataItemsModified(List<DataItem> items) { subscriptions.onDataItemsModified(items); }
        @Override public void onDataItemsDeleted(List<DataItem> items) { subscriptions.onDataItemsDeleted(items); }
        @Override public void onMonitoringModeChanged(List<MonitoredItem> items) { subscriptions.onMonitoringModeChanged(items); }
    }
}
