/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import java.util.List;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * A namespace whose variables Milo's SubscriptionModel samples for monitored items (the value a
 * node shows when sampled is what a monitored item reports), with the node helpers the Lightgate
 * servers share: a folder or node organized by the Objects folder, and methods.
 */
public abstract class SampledNamespace extends ManagedNamespaceWithLifecycle {

    /** A method's body: the input arguments in, the output arguments out; a UaException fails the call with its status. */
    @FunctionalInterface
    public interface MethodBody {
        Variant[] invoke(Variant[] inputs) throws UaException;
    }

    private final SubscriptionModel subscriptionModel;

    protected SampledNamespace(OpcUaServer server, String namespaceUri) {
        super(server, namespaceUri);
        subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
    }

    /** A folder right under the Objects folder (i=85), its node id, browse and display name all {@code name}. */
    protected UaFolderNode folderUnderObjects(String name) {
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(name), newQualifiedName(name), LocalizedText.english(name));
        getNodeManager().addNode(folder);
        organizedByObjects(folder);
        return folder;
    }

    /** Places a node right under the Objects folder, beside the standard Server object. */
    protected static void organizedByObjects(UaNode node) {
        node.addReference(new Reference(node.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    }

    /** Adds a method (no output arguments) as a component of {@code owner}. */
    protected UaMethodNode method(UaObjectNode owner, String nodeId, String name, Argument[] inputs, MethodBody body) {
        UaMethodNode node = UaMethodNode.builder(getNodeContext()).setNodeId(newNodeId(nodeId)).setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name)).build();
        Argument[] outputs = new Argument[0];
        node.setInputArguments(inputs);
        node.setOutputArguments(outputs);
        node.setInvocationHandler(new AbstractMethodInvocationHandler(node) {
            @Override
            public Argument[] getInputArguments() {
                return inputs;
            }

            @Override
            public Argument[] getOutputArguments() {
                return outputs;
            }

            @Override
            protected Variant[] invoke(InvocationContext context, Variant[] in) throws UaException {
                return body.invoke(in);
            }
        });
        getNodeManager().addNode(node);
        owner.addComponent(node);
        return node;
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        subscriptionModel.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        subscriptionModel.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        subscriptionModel.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptionModel.onMonitoringModeChanged(items);
    }
}
