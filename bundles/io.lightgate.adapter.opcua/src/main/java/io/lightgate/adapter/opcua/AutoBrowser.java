/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * Auto-browse: every object under a folder becomes an instance of an LwM2M object generated for
 * its OPC UA object type. Types get object ids from the configured range in the order of their
 * browse names; their variables (readable, or writable when the server says so) and methods
 * (executable) become resources numbered 0, 1, ... in the order of their browse names; the
 * objects of one type become instances 0, 1, ... in the order of their browse names.
 * Instances are found by browsing forward (folder -> objects -> HasTypeDefinition), which also
 * works with servers that keep no inverse type references.
 */
final class AutoBrowser {

    /** What auto-browse found: the generated models and a mapping per member node. */
    record Result(List<ObjectModel> models, List<Binding> bindings) {
    }

    private record Member(String name, NodeId node, NodeClass nodeClass) {
    }

    private record Machine(String name, NodeId node, NodeId type, String typeName, List<Member> members) {
    }

    private AutoBrowser() {
    }

    /**
     * @param includeStandard false: objects in the standard namespace 0 (the Server object, the
     *        Aliases folder, ...) are skipped, as under the Objects folder (i=85) of every server
     */
    static Result browse(OpcUaClient client, NodeId folder, int firstId, int lastId, String url, boolean includeStandard)
            throws UaException {
        List<Machine> machines = new ArrayList<>();
        for (ReferenceDescription child : forward(client, folder, NodeIds.HierarchicalReferences, NodeClass.Object)) {
            NodeId node = local(client, child);
            if (node == null || (!includeStandard && isStandard(node))) {
                continue;
            }
            List<ReferenceDescription> types = forward(client, node, NodeIds.HasTypeDefinition, null);
            if (types.isEmpty()) {
                continue;
            }
            NodeId type = local(client, types.get(0));
            String typeName = types.get(0).getBrowseName().name();
            if (type == null || NodeIds.FolderType.equals(type)) {
                continue; // sub-folders are not machines
            }
            List<Member> members = new ArrayList<>();
            for (ReferenceDescription m : forward(client, node, NodeIds.HasComponent, null)) {
                NodeId mn = local(client, m);
                if (mn != null && (m.getNodeClass() == NodeClass.Variable || m.getNodeClass() == NodeClass.Method)) {
                    members.add(new Member(m.getBrowseName().name(), mn, m.getNodeClass()));
                }
            }
            machines.add(new Machine(child.getBrowseName().name(), node, type, typeName, members));
        }

        // one model per type; ids in the order of the type names
        Map<NodeId, List<Machine>> byType = new LinkedHashMap<>();
        machines.stream().sorted(Comparator.comparing(Machine::typeName).thenComparing(Machine::name))
                .forEach(m -> byType.computeIfAbsent(m.type(), t -> new ArrayList<>()).add(m));
        if (byType.size() > lastId - firstId + 1) {
            throw new IllegalArgumentException(byType.size() + " object types under " + folder.toParseableString()
                    + " but only " + (lastId - firstId + 1) + " ids in browse.object.id.start..end");
        }
        Map<NodeId, MemberInfo> info = memberInfo(client, machines);
        List<ObjectModel> models = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        int objectId = firstId;
        for (List<Machine> ofType : byType.values()) {
            TreeSet<String> names = new TreeSet<>();
            ofType.forEach(m -> m.members().forEach(x -> names.add(x.name())));
            Map<String, ResourceModel> resources = new LinkedHashMap<>();
            int rid = 0;
            for (String name : names) {
                Member sample = ofType.stream().flatMap(m -> m.members().stream()).filter(x -> x.name().equals(name)).findFirst().get();
                resources.put(name, resource(rid++, sample, info.get(sample.node())));
            }
            String typeName = ofType.get(0).typeName();
            ObjectModel model = new ObjectModel(objectId, typeName, "1.0", "1.1", true, false, "urn:oma:lwm2m:x:" + objectId,
                    "Generated from OPC UA object type " + typeName + " (" + ofType.get(0).type().toParseableString() + ") at " + url,
                    new TreeMap<>(Map.copyOf(resources.values().stream().collect(
                            java.util.stream.Collectors.toMap(ResourceModel::id, r -> r)))));
            models.add(model);
            for (int instance = 0; instance < ofType.size(); instance++) {
                Machine m = ofType.get(instance);
                for (Member x : m.members()) {
                    ResourceModel r = resources.get(x.name());
                    Mapping mapping = new Mapping(x.node().toParseableString(), objectId, instance, r.id(), 1, 0,
                            x.nodeClass() == NodeClass.Method ? m.node().toParseableString() : null);
                    bindings.add(new Binding(mapping, r, x.node()));
                }
            }
            objectId++;
        }
        return new Result(models, bindings);
    }

    /** Whether a node belongs to the OPC UA standard namespace (index 0, http://opcfoundation.org/UA/). */
    static boolean isStandard(NodeId node) {
        return node.getNamespaceIndex().intValue() == 0;
    }

    private record MemberInfo(OpcUaDataType type, boolean writable, EngineeringInfo engineering) {
    }

    private static Map<NodeId, MemberInfo> memberInfo(OpcUaClient client, List<Machine> machines) throws UaException {
        List<NodeId> variables = machines.stream().flatMap(m -> m.members().stream())
                .filter(x -> x.nodeClass() == NodeClass.Variable).map(Member::node).distinct().toList();
        Map<NodeId, MemberInfo> info = new LinkedHashMap<>();
        if (variables.isEmpty()) {
            return info;
        }
        List<ReadValueId> reads = new ArrayList<>();
        for (NodeId v : variables) {
            reads.add(new ReadValueId(v, AttributeId.DataType.uid(), null, null));
            reads.add(new ReadValueId(v, AttributeId.UserAccessLevel.uid(), null, null));
        }
        DataValue[] values = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
        Map<NodeId, EngineeringInfo> engineering = EngineeringInfo.read(client, variables);
        for (int i = 0; i < variables.size(); i++) {
            DataValue type = values[2 * i];
            DataValue access = values[2 * i + 1];
            OpcUaDataType builtin = null;
            if (type.value() != null && type.value().value() instanceof NodeId t) {
                builtin = OpcUaDataType.fromNodeId(t);
                if (builtin == null) {
                    try {
                        builtin = client.getDataTypeTree().getBuiltinType(t);
                    } catch (UaException e) {
                        builtin = null;
                    }
                }
            }
            boolean writable = access.value() != null && access.value().value() instanceof UByte b
                    && AccessLevel.fromValue(b).contains(AccessLevel.CurrentWrite);
            info.put(variables.get(i), new MemberInfo(builtin, writable,
                    engineering.getOrDefault(variables.get(i), EngineeringInfo.NONE)));
        }
        return info;
    }

    private static ResourceModel resource(int id, Member member, MemberInfo info) {
        if (member.nodeClass() == NodeClass.Method) {
            return new ResourceModel(id, member.name(), Operations.E, false, false, ResourceType.NONE, "", "",
                    "OPC UA method " + member.name());
        }
        ResourceType type = info == null ? ResourceType.STRING : lwm2mType(info.type());
        Operations ops = info != null && info.writable() ? Operations.RW : Operations.R;
        // the generated model carries the variable's EngineeringUnits and EURange (DDF Units and RangeEnumeration)
        EngineeringInfo eu = info == null ? EngineeringInfo.NONE : info.engineering();
        String units = eu.units() == null ? "" : eu.units();
        String range = eu.hasRange() ? number(eu.low()) + ".." + number(eu.high()) : "";
        return new ResourceModel(id, member.name(), ops, false, false, type, range, units, "OPC UA variable " + member.name());
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The LwM2M type an OPC UA built-in type is served as. */
    static ResourceType lwm2mType(OpcUaDataType t) {
        if (t == null) {
            return ResourceType.STRING;
        }
        return switch (t) {
            case Boolean -> ResourceType.BOOLEAN;
            case SByte, Byte, Int16, UInt16, Int32, UInt32, Int64 -> ResourceType.INTEGER;
            case UInt64 -> ResourceType.UNSIGNED_INTEGER;
            case Float, Double -> ResourceType.FLOAT;
            case DateTime -> ResourceType.TIME;
            case ByteString -> ResourceType.OPAQUE;
            default -> ResourceType.STRING;
        };
    }

    private static List<ReferenceDescription> forward(OpcUaClient client, NodeId node, NodeId referenceType, NodeClass only)
            throws UaException {
        UInteger mask = UInteger.valueOf(only == null ? 0 : only.getValue());
        ReferenceDescription[] refs = client.browse(new BrowseDescription(node, BrowseDirection.Forward, referenceType, true,
                mask, UInteger.valueOf(BrowseResultMask.All.getValue()))).getReferences();
        return refs == null ? List.of() : List.of(refs);
    }

    private static NodeId local(OpcUaClient client, ReferenceDescription r) {
        Optional<NodeId> n = r.getNodeId().toNodeId(client.getNamespaceTable());
        return n.orElse(null);
    }
}
