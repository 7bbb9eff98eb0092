/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * What an OPC UA variable says about its numbers: the EngineeringUnits property (EUInformation;
 * its DisplayName text, e.g. "°C", is what LwM2M units resources answer) and the EURange
 * property (Range low/high). AnalogItemType variables have them; any variable may. Immutable.
 *
 * @param units the unit's display text, or null when the variable has none
 * @param low EURange low, or null
 * @param high EURange high, or null
 */
record EngineeringInfo(String units, Double low, Double high) {

    static final EngineeringInfo NONE = new EngineeringInfo(null, null, null);

    private static final String ENGINEERING_UNITS = "EngineeringUnits";
    private static final String EU_RANGE = "EURange";

    boolean hasRange() {
        return low != null && high != null;
    }

    /**
     * The units as served for a mapping: the mapping's own {@code units=} first; the server's
     * units only when the mapping does not convert (after a scale or offset, the server's unit
     * would be wrong, e.g. rpm served as rad/s); otherwise none.
     */
    String unitsFor(Mapping mapping) {
        if (mapping.units() != null) {
            return mapping.units();
        }
        return mapping.isIdentity() ? units : null;
    }

    /** EURange low converted like the values ({@code * scale + offset}); a negative scale swaps the ends. */
    Double minFor(Mapping mapping) {
        return hasRange() ? Math.min(mapping.toLwM2m(low), mapping.toLwM2m(high)) : null;
    }

    /** EURange high converted like the values. */
    Double maxFor(Mapping mapping) {
        return hasRange() ? Math.max(mapping.toLwM2m(low), mapping.toLwM2m(high)) : null;
    }

    /**
     * Reads EngineeringUnits and EURange of the given variables: per 500 variables one Browse
     * (their properties) and one Read (the properties' values). A variable without them maps to {@link #NONE}.
     */
    static Map<NodeId, EngineeringInfo> read(OpcUaClient client, List<NodeId> variables) throws UaException {
        Map<NodeId, EngineeringInfo> result = new LinkedHashMap<>();
        // servers limit the nodes per Browse/Read (MaxNodesPerBrowse, often 1000 or less)
        for (int from = 0; from < variables.size(); from += BATCH) {
            result.putAll(readBatch(client, variables.subList(from, Math.min(variables.size(), from + BATCH))));
        }
        return result;
    }

    private static final int BATCH = 500;

    private static Map<NodeId, EngineeringInfo> readBatch(OpcUaClient client, List<NodeId> variables) throws UaException {
        Map<NodeId, EngineeringInfo> result = new LinkedHashMap<>();
        List<BrowseDescription> browses = variables.stream().map(v -> new BrowseDescription(v, BrowseDirection.Forward,
                NodeIds.HasProperty, false, UInteger.valueOf(NodeClass.Variable.getValue()),
                UInteger.valueOf(BrowseResultMask.All.getValue()))).toList();
        List<BrowseResult> browsed = client.browse(browses);
        List<ReadValueId> reads = new ArrayList<>();
        List<NodeId> owners = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            result.put(variables.get(i), NONE);
            ReferenceDescription[] refs = i < browsed.size() ? browsed.get(i).getReferences() : null;
            for (ReferenceDescription r : refs == null ? new ReferenceDescription[0] : refs) {
                String name = r.getBrowseName().name();
                if (r.getBrowseName().namespaceIndex().intValue() == 0 && (ENGINEERING_UNITS.equals(name) || EU_RANGE.equals(name))) {
                    var property = r.getNodeId().toNodeId(client.getNamespaceTable());
                    if (property.isPresent()) {
                        reads.add(new ReadValueId(property.get(), AttributeId.Value.uid(), null, null));
                        kinds.add(name);
                        owners.add(variables.get(i));
                    }
                }
            }
        }
        if (reads.isEmpty()) {
            return result;
        }
        DataValue[] values = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
        for (int k = 0; k < reads.size() && values != null && k < values.length; k++) {
            Object decoded = decode(client, values[k]);
            EngineeringInfo before = result.get(owners.get(k));
            if (decoded instanceof EUInformation eu && ENGINEERING_UNITS.equals(kinds.get(k))) {
                String text = eu.getDisplayName() == null ? null : eu.getDisplayName().text();
                result.put(owners.get(k), new EngineeringInfo(text == null || text.isBlank() ? null : text.strip(), before.low(),
                        before.high()));
            } else if (decoded instanceof Range range && EU_RANGE.equals(kinds.get(k)) && range.getLow() != null
                    && range.getHigh() != null) {
                result.put(owners.get(k), new EngineeringInfo(before.units(), range.getLow(), range.getHigh()));
            }
        }
        return result;
    }

    private static Object decode(OpcUaClient client, DataValue value) {
        if (value == null || value.value() == null || (value.statusCode() != null && value.statusCode().isBad())) {
            return null;
        }
        Object v = value.value().value();
        if (v instanceof ExtensionObject xo) {
            try {
                return xo.decode(client.getStaticEncodingContext());
            } catch (RuntimeException e) {
                return null; // a structure this client cannot decode: the property is as good as absent
            }
        }
        return v;
    }
}
