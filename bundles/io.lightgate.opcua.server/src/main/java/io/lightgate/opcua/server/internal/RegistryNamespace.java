/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.server.internal;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.opcua.common.SampledNamespace;
import io.lightgate.opcua.common.Scaling;
import io.lightgate.opcua.common.ValueConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.jspecify.annotations.Nullable;

/**
 * The registry as an OPC UA address space: Objects/Lightgate/&lt;endpoint&gt;/&lt;object id
 * name&gt;/&lt;instance&gt;/&lt;resource id name&gt;. Readable and writable resources are
 * variables of the matching built-in type (writable ones writable), executable resources are
 * methods taking the Execute arguments as one optional String. Values are read from the
 * registry when a client reads or samples them; node ids are {@code ns=2;s=<endpoint>/<o>/<i>/<r>}.
 */
final class RegistryNamespace extends SampledNamespace {

    static final String NAMESPACE_URI = "urn:lightgate:registry";

    private final ObjectRegistry registry;
    private final long timeoutMs;
    private final List<UaNode> built = new ArrayList<>();
    private @Nullable UaFolderNode root;

    RegistryNamespace(OpcUaServer server, ObjectRegistry registry, long timeoutMs) {
        super(server, NAMESPACE_URI);
        this.registry = registry;
        this.timeoutMs = timeoutMs;
        getLifecycleManager().addStartupTask(() -> {
            root = folderUnderObjects("Lightgate");
            rebuild();
        });
    }

    /** Builds the address space again from the registry's trees (after a tree changed). */
    synchronized void rebuild() {
        UaFolderNode root = this.root;
        if (root == null) {
            return;
        }
        for (UaNode n : built) {
            n.delete();
        }
        built.clear();
        for (EndpointDescriptor ep : registry.endpoints()) {
            EndpointTree tree = registry.tree(ep.name()).orElse(null);
            if (tree == null) {
                continue;
            }
            UaFolderNode epFolder = folder(root, ep.name(), ep.name());
            tree.objects().forEach((objectId, node) -> {
                ObjectModel model = node.model();
                UaFolderNode objFolder = folder(epFolder, ep.name() + "/" + objectId, objectId + " " + model.name());
                node.instances().forEach((instanceId, resourceIds) -> instance(objFolder, ep.name(), model, instanceId, resourceIds));
            });
        }
    }

    private UaFolderNode folder(UaFolderNode parent, String id, String name) {
        UaFolderNode f = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name), LocalizedText.english(name));
        getNodeManager().addNode(f);
        parent.addOrganizes(f);
        built.add(f);
        return f;
    }

    private void instance(UaFolderNode parent, String endpoint, ObjectModel model, int instanceId, SortedSet<Integer> resourceIds) {
        String base = endpoint + "/" + model.id() + "/" + instanceId;
        UaObjectNode object = UaObjectNode.builder(getNodeContext()).setNodeId(newNodeId(base))
                .setBrowseName(newQualifiedName(String.valueOf(instanceId)))
                .setDisplayName(LocalizedText.english(model.name() + " " + instanceId)).build();
        getNodeManager().addNode(object);
        parent.addOrganizes(object);
        built.add(object);
        for (int rid : resourceIds) {
            ResourceModel r = model.resource(rid).orElse(null);
            if (r == null || r.multiple()) {
                continue; // multi-instance resources are not shown (yet)
            }
            LwM2mPath path = LwM2mPath.of(model.id(), instanceId, rid);
            String name = rid + " " + r.name();
            if (r.operations().isExecutable()) {
                method(object, endpoint, base + "/" + rid, name, path);
            } else {
                variable(object, endpoint, base + "/" + rid, name, r, path);
            }
        }
    }

    private void variable(UaObjectNode owner, String endpoint, String id, String name, ResourceModel r, LwM2mPath path) {
        boolean readable = r.operations().isReadable();
        boolean writable = r.operations().isWritable();
        java.util.Set<AccessLevel> access = readable && writable ? AccessLevel.READ_WRITE
                : writable ? AccessLevel.WRITE_ONLY : AccessLevel.READ_ONLY;
        OpcUaDataType type = ValueConverter.dataType(r.type());
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext()).setNodeId(newNodeId(id))
                .setBrowseName(newQualifiedName(name)).setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(r.description().isBlank() ? r.name() : r.description()))
                .setDataType(type.getNodeId()).setTypeDefinition(NodeIds.BaseDataVariableType)
                .setAccessLevel(access).setUserAccessLevel(access).build();
        node.getFilterChain().addLast(new AttributeFilter() {
            @Override
            public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
                return attributeId == AttributeId.Value ? read(endpoint, path, type) : ctx.getAttribute(attributeId);
            }

            @Override
            public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value) throws UaException {
                if (attributeId != AttributeId.Value) {
                    ctx.writeAttribute(attributeId, value);
                    return;
                }
                write(endpoint, path, r.type(), ((DataValue) value).value().value());
            }
        });
        getNodeManager().addNode(node);
        owner.addComponent(node);
        built.add(node);
    }

    private void method(UaObjectNode owner, String endpoint, String id, String name, LwM2mPath path) {
        Argument[] inputs = { new Argument("arguments", NodeIds.String, ValueRanks.Scalar, null,
                LocalizedText.english("LwM2M Execute arguments, e.g. 0='5',1 (empty: none)")) };
        built.add(method(owner, id, name, inputs, in -> {
            String text = in.length == 0 || in[0].value() == null ? "" : in[0].value().toString();
            try {
                registry.execute(endpoint, path, ExecuteArguments.parse(text)).toCompletableFuture()
                        .get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw uaException(LwM2mException.from(e, "execute " + path));
            }
            return new Variant[0];
        }));
    }

    private DataValue read(String endpoint, LwM2mPath path, OpcUaDataType type) {
        try {
            Resource r = registry.readResource(endpoint, path).toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
            return new DataValue(ValueConverter.toOpcUa(r.value(), type, Scaling.NONE), StatusCode.GOOD, DateTime.now());
        } catch (Exception e) {
            return new DataValue(Variant.NULL_VALUE, new StatusCode(status(LwM2mException.from(e, "read " + path))), DateTime.now());
        }
    }

    private void write(String endpoint, LwM2mPath path, ResourceType type, @Nullable Object opc) throws UaException {
        Value value;
        try {
            value = ValueConverter.toLwM2m(opc, type, Scaling.NONE);
        } catch (IllegalArgumentException e) {
            throw new UaException(StatusCodes.Bad_TypeMismatch, e.getMessage());
        }
        try {
            registry.write(endpoint, LwM2mPath.of(path.objectId(), path.instanceId()), List.of(Resource.of(path.resourceId(), value)),
                    WriteMode.UPDATE).toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw uaException(LwM2mException.from(e, "write " + path));
        }
    }

    /** LwM2M codes as OPC UA status codes. */
    static long status(LwM2mException e) {
        return switch (e.code()) {
            case BAD_REQUEST, NOT_ACCEPTABLE, UNSUPPORTED_CONTENT_FORMAT -> StatusCodes.Bad_InvalidArgument;
            case UNAUTHORIZED -> StatusCodes.Bad_UserAccessDenied;
            case NOT_FOUND -> StatusCodes.Bad_NodeIdUnknown;
            case METHOD_NOT_ALLOWED -> StatusCodes.Bad_NotSupported;
            case SERVICE_UNAVAILABLE -> StatusCodes.Bad_ResourceUnavailable;
            default -> StatusCodes.Bad_InternalError;
        };
    }

    private static UaException uaException(LwM2mException e) {
        return new UaException(status(e), e.getMessage());
    }
}
