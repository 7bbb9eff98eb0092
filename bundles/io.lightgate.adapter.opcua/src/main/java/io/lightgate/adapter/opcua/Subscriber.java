/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.client.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the bindings to life on a (new) session: reads each variable's data type and its
 * EngineeringUnits/EURange, resolves
 * each method's owner object and input arguments, and creates one subscription with a monitored
 * item per mapped variable. A subscription Milo cannot transfer to a new session (the server
 * restarted) is created again.
 */
final class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    /** Called for every value the subscription delivers. */
    interface ValueSink {
        void received(Binding binding, DataValue value);
    }

    private final String url;
    private final List<Binding> bindings = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final double samplingMs;
    private final double publishingMs;
    private final int queueSize;
    private final Executor executor;
    private final ValueSink sink;
    private OpcUaSubscription subscription;

    Subscriber(String url, List<Binding> bindings, double samplingMs, double publishingMs, int queueSize, Executor executor,
            ValueSink sink) {
        this.url = url;
        this.bindings.addAll(bindings);
        this.samplingMs = samplingMs;
        this.publishingMs = publishingMs;
        this.queueSize = queueSize(queueSize, samplingMs, publishingMs);
        this.executor = executor;
        this.sink = sink;
    }

    /**
     * The queue size asked for each monitored item: the configured one, or (0) room for every
     * sample of one publishing interval. With the OPC UA default of 1 a variable that changes
     * faster than the publishing interval reaches the gateway as its last value per publish only.
     */
    static int queueSize(int configured, double samplingMs, double publishingMs) {
        if (configured > 0) {
            return configured;
        }
        double perPublish = Math.ceil(publishingMs / Math.max(1.0, samplingMs));
        return (int) Math.min(1000, Math.max(1, perPublish) + 1);
    }

    /** More bindings (auto-browse); they join at the next {@link #sessionActive}. */
    void add(List<Binding> more) {
        bindings.addAll(more);
    }

    /** Every mapped variable (not the methods). */
    List<Binding> variables() {
        return bindings.stream().filter(b -> !b.isMethod()).toList();
    }

    /**
     * On the connection's executor, after a session became active: data types, units and
     * methods of the bindings (before values are read, so they convert and write right).
     */
    void resolveOn(OpcUaClient client) {
        resolve(client);
    }

    /**
     * On the connection's executor, after {@link #resolveOn}: the subscription on this client
     * (a new client gets a new one; the previous subscription went with its disconnected
     * client). Its monitored items' first values are the current ones.
     */
    void subscribeOn(OpcUaClient client) {
        if (subscription != null && subscription.getClient() == client
                && subscription.getSyncState() != OpcUaSubscription.SyncState.INITIAL) {
            return; // transferred to the new session, or the session never went away
        }
        subscribe(client);
    }

    /** Ends the subscription (the configuration goes away). */
    void close() {
        OpcUaSubscription s = subscription;
        subscription = null;
        if (s != null) {
            s.deleteAsync();
        }
    }

    private void resolve(OpcUaClient client) {
        // (the previous subscription, if any, belongs to a client that was disconnected)
        List<Binding> variables = bindings.stream().filter(b -> !b.isMethod()).toList();
        if (!variables.isEmpty()) {
            List<ReadValueId> reads = variables.stream()
                    .map(b -> new ReadValueId(b.node, AttributeId.DataType.uid(), null, null)).toList();
            try {
                DataValue[] results = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
                List<DataValue> types = results == null ? List.of() : List.of(results);
                for (int i = 0; i < variables.size() && i < types.size(); i++) {
                    Binding b = variables.get(i);
                    DataValue t = types.get(i);
                    if (t.statusCode() != null && t.statusCode().isBad()) {
                        LOG.error("OPC UA server {}: mapping {}: node {} answers {}; check the node id in the mapping",
                                url, b, b.mapping.nodeId(), StatusMapping.name(t.statusCode()));
                        continue;
                    }
                    b.nodeType = builtinType(client, (NodeId) t.value().value());
                }
            } catch (Exception e) {
                LOG.warn("OPC UA server {}: cannot read the data types of the mapped nodes: {}", url, e.toString());
            }
            try {
                List<NodeId> nodes = variables.stream().map(b -> b.node).distinct().toList();
                Map<NodeId, EngineeringInfo> info = EngineeringInfo.read(client, nodes);
                variables.forEach(b -> b.info = info.getOrDefault(b.node, EngineeringInfo.NONE));
            } catch (Exception e) {
                LOG.warn("OPC UA server {}: cannot read EngineeringUnits/EURange of the mapped nodes ({}); units and range "
                        + "resources answer 4.04 until the next connection", url, e.toString());
            }
        }
        for (Binding b : bindings) {
            if (!b.isMethod()) {
                continue;
            }
            try {
                UaNode node = client.getAddressSpace().getNode(b.node);
                if (!(node instanceof UaMethodNode method)) {
                    LOG.error("OPC UA server {}: mapping {}: node {} is not a method, but {} is executable", url, b,
                            b.mapping.nodeId(), b.mapping.path());
                    continue;
                }
                b.inputs = method.readInputArgumentsAsync().exceptionally(e -> new org.eclipse.milo.opcua.stack.core.types.structured.Argument[0])
                        .get();
                b.owner = b.mapping.ownerNodeId() != null ? NodeId.parse(b.mapping.ownerNodeId()) : owner(client, b.node);
                if (b.owner == null) {
                    LOG.error("OPC UA server {}: mapping {}: no object owns method {}; name it with object=<node id>", url, b,
                            b.mapping.nodeId());
                }
            } catch (Exception e) {
                LOG.error("OPC UA server {}: mapping {}: cannot resolve method {}: {}", url, b, b.mapping.nodeId(), e.toString());
            }
        }
    }

    private static OpcUaDataType builtinType(OpcUaClient client, NodeId dataType) {
        if (dataType == null) {
            return null;
        }
        OpcUaDataType builtin = OpcUaDataType.fromNodeId(dataType);
        if (builtin != null) {
            return builtin;
        }
        try {
            return client.getDataTypeTree().getBuiltinType(dataType);
        } catch (Exception e) {
            return null;
        }
    }

    /** The object that has the method as a component (inverse HasComponent). */
    private static NodeId owner(OpcUaClient client, NodeId method) throws Exception {
        BrowseResult r = client.browse(new BrowseDescription(method, BrowseDirection.Inverse, NodeIds.HasComponent, true,
                UInteger.valueOf(NodeClass.Object.getValue() | NodeClass.ObjectType.getValue()),
                UInteger.valueOf(BrowseResultMask.All.getValue())));
        ReferenceDescription[] refs = r.getReferences();
        if (refs == null || refs.length == 0) {
            return null;
        }
        return refs[0].getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
    }

    private void subscribe(OpcUaClient client) {
        Map<NodeId, List<Binding>> byNode = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (!b.isMethod()) {
                byNode.computeIfAbsent(b.node, n -> new ArrayList<>()).add(b);
            }
        }
        if (byNode.isEmpty()) {
            return;
        }
        OpcUaSubscription s = new OpcUaSubscription(client, publishingMs);
        s.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onTransferFailed(OpcUaSubscription failed, StatusCode status) {
                LOG.info("OPC UA server {}: subscription not transferred to the new session ({}); creating it again", url,
                        StatusMapping.name(status));
                executor.execute(() -> {
                    if (subscription == failed) {
                        subscribe(client);
                    }
                });
            }
        });
        try {
            s.create();
            for (var e : byNode.entrySet()) {
                OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(e.getKey());
                item.setSamplingInterval(samplingMs);
                item.setQueueSize(org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint(queueSize));
                item.setDiscardOldest(true);
                List<Binding> targets = e.getValue();
                item.setDataValueListener((i, value) -> targets.forEach(b -> sink.received(b, value)));
                s.addMonitoredItem(item);
            }
            s.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException e) {
            e.getCreateResults().forEach(r -> {
                if (r.operationResult().map(StatusCode::isBad).orElse(true)) {
                    LOG.error("OPC UA server {}: cannot monitor node {}: {}; check the mapping", url,
                            r.monitoredItem().getReadValueId().getNodeId().toParseableString(),
                            r.operationResult().map(StatusMapping::name).orElse(String.valueOf(r.serviceResult())));
                }
            });
        } catch (Exception e) {
            LOG.warn("OPC UA server {}: cannot create the subscription: {}", url, e.toString());
        }
        subscription = s;
        LOG.debug("OPC UA server {}: subscription with {} monitored items", url, byNode.size());
    }
}
