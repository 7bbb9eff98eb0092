/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ExposureTest {

    private static final String WHERE = "etc/io.lightgate.adapter.opcua.server-a.cfg";

    @Test
    public void endpointsByDefaultGatewayOnRequest() {
        assertFalse(OpcUaServerEndpoint.behindGateway("endpoints", WHERE));
        assertFalse(OpcUaServerEndpoint.behindGateway(" ", WHERE));
        assertTrue(OpcUaServerEndpoint.behindGateway("GATEWAY", WHERE));
    }

    @Test
    public void anythingElseIsRefusedNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpcUaServerEndpoint.behindGateway("both", WHERE));
        assertTrue(e.getMessage(), e.getMessage().contains("'both'") && e.getMessage().contains(WHERE));
    }
}
