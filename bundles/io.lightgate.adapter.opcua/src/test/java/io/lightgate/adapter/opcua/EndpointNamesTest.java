/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;

import io.lightgate.api.ResourceType;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.junit.Test;

public class EndpointNamesTest {

    @Test
    public void theApplicationUriIsTheDefaultName() {
        assertEquals("urn:lightgate:simulator:shopfloor",
                EndpointNames.fromApplicationUri("urn:lightgate:simulator:shopfloor", "opc.tcp://h:4840/x"));
        assertEquals("urn:acme:press-line-2", EndpointNames.fromApplicationUri("urn:acme:press line/2", "opc.tcp://h:4840/x"));
        assertEquals("opcua-plc1:4840", EndpointNames.fromApplicationUri("", "opc.tcp://plc1:4840/path"));
    }

    @Test
    public void browsedVariablesGetTheMatchingLwM2mType() {
        assertEquals(ResourceType.FLOAT, AutoBrowser.lwm2mType(OpcUaDataType.Float));
        assertEquals(ResourceType.INTEGER, AutoBrowser.lwm2mType(OpcUaDataType.UInt32));
        assertEquals(ResourceType.UNSIGNED_INTEGER, AutoBrowser.lwm2mType(OpcUaDataType.UInt64));
        assertEquals(ResourceType.BOOLEAN, AutoBrowser.lwm2mType(OpcUaDataType.Boolean));
        assertEquals(ResourceType.TIME, AutoBrowser.lwm2mType(OpcUaDataType.DateTime));
        assertEquals(ResourceType.STRING, AutoBrowser.lwm2mType(OpcUaDataType.LocalizedText));
        assertEquals(ResourceType.STRING, AutoBrowser.lwm2mType(null));
    }
}
