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
import io.lightgate.opcua.common.ValueConverter;
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
 * the node reports a Bad status), Write becomes an OPC UA Write (after a Good one, reads answer
 * the written value until the server reports a newer one), Execute an OPC UA Call (after a Good
 * one, the instance's variables are read from the server before the answer). The units and range
 * resources (5701, 5603, 5604) the model defines and no mapping targets answer the
 * EngineeringUnits and EURange of the instance's main variable.
 */
final class MappedObject implements LwM2mObject {

    /** What the object needs from the connection. */
    interface Server {
        /** Null while disconnected. */
        String unavailableReason();

        CompletionStage<List<org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode>> write(List<NodeId> nodes, List<DataValue> values);

        CompletionStage<org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult> call(NodeId owner, NodeId method, Variant[] inputs);

        /** A Good write of {@code value} to {@code node}: every binding of the node now holds it. */
        void written(NodeId node, DataValue value);

        /** Reads the variables from the server (one Read) into their bindings; completes when done, never exceptionally. */
        CompletionStage<Void> readThrough(List<Binding> variables);
    }

    /** Sensor Units, Min Range Value, Max Range Value: answered from the main variable's EngineeringInfo. */
    static final int UNITS = 5701;
    static final int MIN_RANGE = 5603;
    static final int MAX_RANGE = 5604;
    // the resources whose variable carries the instance's units and range, in order of preference
    private static final int[] MAIN_VALUES = { 5700, 5900 };

    private final int objectId;
    private final SortedMap<Integer, SortedMap<Integer, Binding>> instances;
    private final Server server;
    private final Set<Integer> modelResources;
    private volatile ObjectListener listener;

    /**
     * @param modelResources the resource ids the object's model defines (the units and range
     *        resources are answered only when it has them); empty for generated models
     */
    MappedObject(int objectId, Map<Integer, ? extends Map<Integer, Binding>> instances, Server server, Set<Integer> modelResources) {
        this.objectId = objectId;
        this.modelResources = Set.copyOf(modelResources);
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
        if (l == null) {
            return;
        }
        int instanceId = b.mapping.instanceId();
        // the value just received, converted as a read would: it travels with the change, so a
        // notification stored while the server is away has this value even if the next one follows at once
        CompletableFuture<Resource> now = read(instanceId, b.mapping.resourceId()).toCompletableFuture();
        if (now.isDone() && !now.isCompletedExceptionally()) {
            l.valuesChanged(instanceId, List.of(now.join()));
        } else {
            l.resourcesChanged(instanceId, b.mapping.resourceId());
        }
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        return new TreeSet<>(instances.keySet());
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        SortedMap<Integer, Binding> r = instances.get(instanceId);
        if (r == null) {
            return Set.of();
        }
        Set<Integer> ids = new TreeSet<>(r.keySet());
        for (int id : new int[] { UNITS, MIN_RANGE, MAX_RANGE }) {
            if (metadata(instanceId, id) != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Every variable binding of an instance. */
    List<Binding> variables(int instanceId) {
        SortedMap<Integer, Binding> r = instances.get(instanceId);
        return r == null ? List.of() : r.values().stream().filter(b -> !b.isMethod()).toList();
    }

    /**
     * An unmapped units or range resource of the model, from the instance's main variable (5700,
     * else 5900, else the first variable with units or a range); null when there is none.
     */
    private Value metadata(int instanceId, int resourceId) {
        SortedMap<Integer, Binding> r = instances.get(instanceId);
        if (r == null || r.containsKey(resourceId) || !modelResources.contains(resourceId)) {
            return null;
        }
        Binding main = null;
        for (int id : MAIN_VALUES) {
            Binding b = r.get(id);
            if (main == null && b != null && !b.isMethod()) {
                main = b;
            }
        }
        if (main == null) {
            main = r.values().stream().filter(b -> !b.isMethod() && b.info != EngineeringInfo.NONE).findFirst().orElse(null);
        }
        if (main == null) {
            return null;
        }
        EngineeringInfo info = main.info;
        return switch (resourceId) {
            case UNITS -> {
                String units = info.unitsFor(main.mapping);
                yield units == null ? null : Value.of(units);
            }
            case MIN_RANGE -> info.hasRange() ? Value.of(info.minFor(main.mapping)) : null;
            case MAX_RANGE -> info.hasRange() ? Value.of(info.maxFor(main.mapping)) : null;
            default -> null;
        };
    }

    /** Reads answer from the values the subscription delivered last (or the node's metadata), never from the server. */
    @Override
    public boolean readsAtOnce(int instanceId) {
        return true;
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        try {
            Value meta = metadata(instanceId, resourceId);
            if (meta != null) {
                return CompletableFuture.completedFuture(Resource.of(resourceId, meta));
            }
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
            // a read right after must answer what was written, not the subscription's older value
            for (int i = 0; i < nodes.size(); i++) {
                server.written(nodes.get(i), values.get(i));
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
        }).thenCompose(done -> {
            // a method changes what the instance shows (a counter's Reset): read it through before
            // answering, so a read right after the Execute answers the new values
            List<Binding> variables = variables(instanceId);
            return variables.isEmpty() ? CompletableFuture.<Void>completedFuture(null) : server.readThrough(variables);
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
