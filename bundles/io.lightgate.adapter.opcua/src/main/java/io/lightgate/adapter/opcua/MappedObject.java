/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * One LwM2M object of a virtual OPC UA endpoint: its instances and resources are the mapped
 * OPC UA nodes. Read answers the subscription's latest value (5.03 while disconnected or when
 * the node reports a Bad status), Write becomes an OPC UA Write, Execute an OPC UA Call.
 */
final class MappedObject implements LwM2mObject {

    /** What the object needs from the connection. */
    interface Server {
        /** Null while disconnected. */
        String unavailableReason();

        CompletionStage<List<org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode>> write(List<NodeId> nodes, List<DataValue> values);

        CompletionStage<org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult> call(NodeId owner, NodeId method, Variant[] inputs);
    }

    private final int objectId;
    private final SortedMap<Integer, SortedMap<Integer, Binding>> instances;
    private final Server server;
    private volatile ObjectListener listener;

    MappedObject(int objectId, Map<Integer, ? extends Map<Integer, Binding>> instances, Server server) {
        this.objectId = objectId;
        SortedMap<Integer, SortedMap<Integer, Binding>> copy = new TreeMap<>();
        instances.forEach((i, r) -> copy.put(i, Collections.unmodifiableSortedMap(new TreeMap<>(r))));
        this.instances = Collections.unmodifiableSortedMap(copy);
        this.server = server;
    }

    int objectId() {
        return objectId;
    }

    /** Every binding of this object. */
    List<Binding> bindings() {
        List<Binding> all = new ArrayList<>();
        instances.values().forEach(r -> all.addAll(r.values()));
        return all;
    }

    /** Tells observers that a binding's value changed. */
    void changed(Binding b) {
        ObjectListener l = listener;
        if (l != null) {
            l.resourcesChanged(b.mapping.instanceId(), b.mapping.resourceId());
        }
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        return new TreeSet<>(instances.keySet());
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        SortedMap<Integer, Binding> r = instances.get(instanceId);
        return r == null ? Set.of() : r.keySet();
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        try {
            Binding b = binding(instanceId, resourceId);
            String unavailable = server.unavailableReason();
            if (unavailable != null) {
                throw LwM2mException.unavailable(unavailable);
            }
            DataValue v = b.latest;
            if (v == null) {
                throw LwM2mException.unavailable("no value from OPC UA node " + b.mapping.nodeId() + " yet");
            }
            if (v.statusCode() != null && v.statusCode().isBad()) {
                throw LwM2mException.unavailable("OPC UA node " + b.mapping.nodeId() + " reports " + StatusMapping.name(v.statusCode()));
            }
            Object raw = v.value() == null ? null : v.value().value();
            try {
                Value value = ValueConverter.toLwM2m(raw, b.resource.type(), b.mapping);
                return CompletableFuture.completedFuture(Resource.of(resourceId, value));
            } catch (IllegalArgumentException e) {
                throw LwM2mException.internal("OPC UA node " + b.mapping.nodeId() + " -> " + b.mapping.path() + ": " + e.getMessage(), e);
            }
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        }
    }

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        List<NodeId> nodes = new ArrayList<>();
        List<DataValue> values = new ArrayList<>();
        List<Binding> targets = new ArrayList<>();
        try {
            String unavailable = server.unavailableReason();
            if (unavailable != null) {
                throw LwM2mException.unavailable(unavailable);
            }
            for (Resource r : resources) {
                Binding b = binding(instanceId, r.id());
                if (b.isMethod() || !b.resource.operations().isWritable()) {
                    throw LwM2mException.notAllowed(b.mapping.path() + " is not writable");
                }
                if (r.isMultiple()) {
                    throw LwM2mException.badRequest(b.mapping.path() + " is a single-instance resource");
                }
                if (b.nodeType == null) {
                    throw LwM2mException.unavailable("the data type of OPC UA node " + b.mapping.nodeId() + " is not known yet");
                }
                Variant variant;
                try {
                    variant = ValueConverter.toOpcUa(r.value(), b.nodeType, b.mapping);
                } catch (IllegalArgumentException e) {
                    throw LwM2mException.badRequest(b.mapping.path() + " -> OPC UA node " + b.mapping.nodeId() + ": " + e.getMessage());
                }
                nodes.add(b.node);
                values.add(DataValue.valueOnly(variant));
                targets.add(b);
            }
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        }
        return server.write(nodes, values).handle((statuses, failure) -> {
            if (failure != null) {
                throw StatusMapping.failure(failure, "write of " + nodes);
            }
            for (int i = 0; i < statuses.size(); i++) {
                if (!statuses.get(i).isGood()) {
                    throw StatusMapping.exception(statuses.get(i), "write of " + targets.get(i).mapping.nodeId());
                }
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        Binding b;
        Variant[] inputs;
        try {
            b = binding(instanceId, resourceId);
            if (!b.isMethod()) {
                throw LwM2mException.notAllowed(b.mapping.path() + " is not executable");
            }
            String unavailable = server.unavailableReason();
            if (unavailable != null) {
                throw LwM2mException.unavailable(unavailable);
            }
            if (b.owner == null || b.inputs == null) {
                throw LwM2mException.unavailable("OPC UA method " + b.mapping.nodeId() + " is not resolved yet");
            }
            inputs = MethodArguments.inputs(b.inputs, arguments, b.mapping.nodeId());
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        }
        NodeId owner = b.owner;
        return server.call(owner, b.node, inputs).handle((result, failure) -> {
            if (failure != null) {
                throw StatusMapping.failure(failure, "call of " + b.mapping.nodeId());
            }
            if (!result.getStatusCode().isGood()) {
                throw StatusMapping.exception(result.getStatusCode(), "call of " + b.mapping.nodeId());
            }
            return null;
        });
    }

    @Override
    public void setListener(ObjectListener listener) {
        this.listener = listener;
    }

    private Binding binding(int instanceId, int resourceId) {
        SortedMap<Integer, Binding> r = instances.get(instanceId);
        if (r == null) {
            throw LwM2mException.notFound("instance /" + objectId + "/" + instanceId + " is not mapped");
        }
        Binding b = r.get(resourceId);
        if (b == null) {
            throw LwM2mException.notFound("/" + objectId + "/" + instanceId + "/" + resourceId + " is not mapped");
        }
        return b;
    }
}
