/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.lightgate.opcua.common.SampledNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.sdk.server.model.variables.AnalogItemType;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * The simulator's address space: Objects/ShopFloor holds Oven1, Oven2 (OvenType; Temperature
 * and TemperatureSetpoint are AnalogItemType variables in °C with an EURange; writing
 * SensorFault=true makes Temperature report Bad_SensorFailure), Motor1 (MotorType), Counter1 (PartCounterType), Compressor1 (CompressorType);
 * Conveyor1 (ConveyorType) sits right under Objects, beside the Server object. Node ids are
 * strings such as {@code ns=2;s=Oven1/Temperature} (the namespace is the server's first own
 * one, index 2). Values come from {@link Machines}; {@link #publish()} copies the changed ones into the
 * variable nodes, and Milo's SubscriptionModel samples those for monitored items.
 */
final class ShopFloorNamespace extends SampledNamespace {

    static final String NAMESPACE_URI = "urn:lightgate:simulator:shopfloor:machines";

    // UN/CEFACT units as OPC UA Part 8 uses them: the unit id of "CEL" is its three letters as bytes
    private static final String UNECE_UNITS = "http://www.opcfoundation.org/UA/units/un/cefact";
    private static final int CELSIUS_UNIT_ID = ('C' << 16) | ('E' << 8) | 'L';

    private final Machines machines;
    private final List<Runnable> publishers = new ArrayList<>();

    ShopFloorNamespace(OpcUaServer server, Machines machines) {
        super(server, NAMESPACE_URI);
        this.machines = machines;
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    /** Copies the machines' current values into the variable nodes. */
    void publish() {
        synchronized (machines) {
            publishers.forEach(Runnable::run);
        }
    }

    private void createNodes() {
        UaFolderNode folder = folderUnderObjects("ShopFloor");

        NodeId ovenType = objectType("OvenType");
        NodeId motorType = objectType("MotorType");
        NodeId counterType = objectType("PartCounterType");
        NodeId compressorType = objectType("CompressorType");

        for (var entry : List.of(java.util.Map.entry("Oven1", machines.oven1), java.util.Map.entry("Oven2", machines.oven2))) {
            Machines.Oven oven = entry.getValue();
            UaObjectNode o = machine(folder, entry.getKey(), ovenType);
            UaVariableNode temperature = variable(o, "Temperature", NodeIds.Double, false, NodeIds.AnalogItemType);
            celsius(temperature, 0, Machines.MAX_OVEN_TEMPERATURE);
            publishers.add(() -> update(temperature, oven.sensorFault
                    ? new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_SensorFailure), DateTime.now())
                    : new DataValue(new Variant(oven.temperature))));
            writable(o, "SensorFault", NodeIds.Boolean, () -> oven.sensorFault, v -> oven.sensorFault = (Boolean) v);
            UaVariableNode setpoint = writable(o, "TemperatureSetpoint", NodeIds.AnalogItemType, NodeIds.Double, () -> oven.setpoint, v -> {
                double d = ((Number) v).doubleValue();
                if (d < 0 || d > Machines.MAX_OVEN_SETPOINT) {
                    throw new UaException(StatusCodes.Bad_OutOfRange, "oven setpoint must be 0.." + Machines.MAX_OVEN_SETPOINT);
                }
                oven.setpoint = d;
            });
            celsius(setpoint, 0, Machines.MAX_OVEN_SETPOINT);
        }

        UaObjectNode motor = machine(folder, "Motor1", motorType);
        readOnly(motor, "Speed", NodeIds.Double, () -> machines.speedRpm);
        writable(motor, "SpeedSetpoint", NodeIds.Double, () -> machines.speedSetpointRpm, v -> {
            double d = ((Number) v).doubleValue();
            if (d < 0 || d > Machines.MAX_SPEED_RPM) {
                throw new UaException(StatusCodes.Bad_OutOfRange, "speed setpoint must be 0.." + Machines.MAX_SPEED_RPM + " rpm");
            }
            machines.speedSetpointRpm = d;
        });
        writable(motor, "Running", NodeIds.Boolean, () -> machines.running, v -> machines.running = (Boolean) v);

        UaObjectNode counter = machine(folder, "Counter1", counterType);
        readOnly(counter, "Count", NodeIds.UInt32, () -> uint(machines.parts));
        method(counter, "Reset", new Argument[0], in -> machines.parts = 0);
        method(counter, "Preset", new Argument[] {
                new Argument("Value", NodeIds.UInt32, ValueRanks.Scalar, null, LocalizedText.english("the new count")) },
                in -> machines.parts = ((Number) in[0].value()).longValue());

        UaObjectNode compressor = machine(folder, "Compressor1", compressorType);
        readOnly(compressor, "Pressure", NodeIds.Float, () -> machines.pressureBar);
        writable(compressor, "Running", NodeIds.Boolean, () -> machines.compressorRunning, v -> machines.compressorRunning = (Boolean) v);
        readOnly(compressor, "OperatingSeconds", NodeIds.UInt32, () -> uint(machines.operatingSeconds));
        method(compressor, "Purge", new Argument[0], in -> machines.pressureBar = 1.0f);

        // a machine right under Objects, beside the standard Server object, as many servers place them
        UaObjectNode conveyor = machine(null, "Conveyor1", objectType("ConveyorType"));
        writable(conveyor, "BeltSpeed", NodeIds.Double, () -> machines.beltSpeed, v -> machines.beltSpeed = ((Number) v).doubleValue());
        publish();
    }

    private NodeId objectType(String name) {
        UaObjectTypeNode type = UaObjectTypeNode.builder(getNodeContext())
                .setNodeId(newNodeId("ObjectTypes/" + name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setIsAbstract(false)
                .build();
        type.addReference(new Reference(type.getNodeId(), NodeIds.HasSubtype, NodeIds.BaseObjectType.expanded(), false));
        getNodeManager().addNode(type);
        return type.getNodeId();
    }

    /** A machine object in the folder; a null folder: right under the Objects folder (i=85). */
    private UaObjectNode machine(UaFolderNode folder, String name, NodeId type) {
        UaObjectNode node = UaObjectNode.builder(getNodeContext())
                .setNodeId(newNodeId(name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setTypeDefinition(type)
                .build();
        getNodeManager().addNode(node);
        if (folder != null) {
            folder.addOrganizes(node);
        } else {
            organizedByObjects(node);
        }
        return node;
    }

    /**
     * Makes a variable an AnalogItemType in degrees Celsius with an EURange, as PLC servers
     * describe their analog values (UNECE code CEL, display name "°C").
     */
    private static void celsius(UaVariableNode node, double low, double high) {
        node.setProperty(AnalogItemType.ENGINEERING_UNITS, new EUInformation(UNECE_UNITS, CELSIUS_UNIT_ID,
                LocalizedText.english("°C"), LocalizedText.english("degree Celsius")));
        node.setProperty(AnalogItemType.EU_RANGE, new Range(low, high));
    }

    private UaVariableNode variable(UaObjectNode owner, String name, NodeId dataType, boolean writable) {
        return variable(owner, name, dataType, writable, NodeIds.BaseDataVariableType);
    }

    private UaVariableNode variable(UaObjectNode owner, String name, NodeId dataType, boolean writable, NodeId typeDefinition) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(owner.getBrowseName().name() + "/" + name))
                .setAccessLevel(writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY)
                .setUserAccessLevel(writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(dataType)
                .setTypeDefinition(typeDefinition)
                .build();
        getNodeManager().addNode(node);
        owner.addComponent(node);
        return node;
    }

    private void readOnly(UaObjectNode owner, String name, NodeId dataType, Supplier<Object> value) {
        UaVariableNode node = variable(owner, name, dataType, false);
        publishers.add(() -> update(node, new DataValue(new Variant(value.get()))));
    }

    /**
     * Sets the node's value only when the value or its status changed: its source timestamp
     * stays the time of the change, as on a real device (not the time of the last copy).
     */
    private static void update(UaVariableNode node, DataValue next) {
        DataValue current = node.getValue();
        if (current != null && status(current) == status(next) && java.util.Objects.deepEquals(
                current.value() == null ? null : current.value().value(), next.value() == null ? null : next.value().value())) {
            return;
        }
        node.setValue(next);
    }

    private static long status(DataValue v) {
        return v.statusCode() == null ? 0 : v.statusCode().value();
    }

    /** A setter that throws UaException rejects the write with that status. */
    interface Setter {
        void set(Object value) throws UaException;
    }

    private UaVariableNode writable(UaObjectNode owner, String name, NodeId dataType, Supplier<Object> value, Setter setter) {
        return writable(owner, name, NodeIds.BaseDataVariableType, dataType, value, setter);
    }

    private UaVariableNode writable(UaObjectNode owner, String name, NodeId typeDefinition, NodeId dataType, Supplier<Object> value,
            Setter setter) {
        UaVariableNode node = variable(owner, name, dataType, true, typeDefinition);
        node.getFilterChain().addLast(new AttributeFilter() {
            @Override
            public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object written) throws UaException {
                if (attributeId == AttributeId.Value) {
                    Object v = ((DataValue) written).value().value();
                    synchronized (machines) {
                        setter.set(v);
                    }
                    DataValue dv = (DataValue) written;
                    if (dv.sourceTime() == null) { // stamped when written, as a device would
                        written = new DataValue(dv.value(), dv.statusCode() == null ? StatusCode.GOOD : dv.statusCode(), DateTime.now());
                    }
                }
                ctx.setAttribute(attributeId, written);
            }
        });
        publishers.add(() -> update(node, new DataValue(new Variant(value.get()))));
        return node;
    }

    private void method(UaObjectNode owner, String name, Argument[] inputs, Consumer<Variant[]> action) {
        method(owner, owner.getBrowseName().name() + "/" + name, name, inputs, in -> {
            synchronized (machines) {
                action.accept(in);
            }
            publish();
            return new Variant[0];
        });
    }
}
