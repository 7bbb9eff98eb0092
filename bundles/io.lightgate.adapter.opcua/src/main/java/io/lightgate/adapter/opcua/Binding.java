/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.model.ResourceModel;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * One mapped LwM2M resource and what is known about its OPC UA node: the latest value from
 * the subscription, the node's built-in type (for writes), and for methods the object to call
 * them on and their input arguments, its engineering units and range. The volatile fields are
 * filled on every (re)connection.
 */
final class Binding {

    final Mapping mapping;
    final ResourceModel resource;
    final NodeId node;

    volatile DataValue latest;
    /** Whether {@link #latest} came from a Read (then older subscription values are stale). Guarded by this. */
    boolean latestFromRead;
    /** The values received lately, to notify each once. Guarded by this. */
    final RecentValues recent = new RecentValues(RecentValues.DEFAULT_SIZE);
    volatile OpcUaDataType nodeType;
    volatile NodeId owner;
    volatile Argument[] inputs;
    /** EngineeringUnits and EURange of the variable, read at every connection. */
    volatile EngineeringInfo info = EngineeringInfo.NONE;

    Binding(Mapping mapping, ResourceModel resource, NodeId node) {
        this.mapping = mapping;
        this.resource = resource;
        this.node = node;
    }

    boolean isMethod() {
        return resource.operations().isExecutable();
    }

    @Override
    public String toString() {
        return mapping.nodeId() + " -> " + mapping.path();
    }
}
