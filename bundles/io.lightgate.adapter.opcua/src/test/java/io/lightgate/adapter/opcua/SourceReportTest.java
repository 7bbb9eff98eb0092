/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.adapter.opcua.OpcUaServerEndpoint.StatusSnapshot;
import io.lightgate.adapter.opcua.status.OpcUaServerStatus.State;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class SourceReportTest {

    private static final Instant SINCE = Instant.parse("2026-12-07T03:00:00Z");
    private static final Instant RETRY = SINCE.plusSeconds(2);

    @Test
    public void aLostServerIsDisconnectedWithItsRetryTimeAndWhatToCheck() {
        StatusSnapshot lost = new StatusSnapshot("etc/io.lightgate.adapter.opcua.server-shopfloor.cfg", "opc.tcp://127.0.0.1:4840",
                "shopfloor", State.DISCONNECTED, SINCE, "Connection refused");
        SourceStatus s = SourceReport.of("io.lightgate.adapter.opcua.server-shopfloor", lost, RETRY, 1, 0);
        assertEquals("OPC UA server", s.kind());
        assertEquals(SourceState.DISCONNECTED, s.state());
        assertEquals(List.of("shopfloor"), s.endpoints());
        assertEquals(RETRY, s.retryAt());
        assertEquals(SINCE, s.since());
        assertTrue(s.lastError(), s.lastError().startsWith("Connection refused (check that the server runs and endpoint.url is right in etc/"));
    }

    @Test
    public void aConnectedServerHasNoRetryTimeAndAnErrorThatSaysWhatToDoIsKeptAsItIs() {
        StatusSnapshot up = new StatusSnapshot("x.cfg", "opc.tcp://h:4840", "", State.CONNECTED, SINCE, "");
        SourceStatus s = SourceReport.of("x", up, RETRY, 3, 2);
        assertEquals(SourceState.CONNECTED, s.state());
        assertNull(s.retryAt());
        assertEquals(List.of(), s.endpoints());
        assertEquals(2, s.reconnects());
        String advice = "Bad_UserAccessDenied: the server rejected identity user 'u'; check username and password in x.cfg";
        SourceStatus refused = SourceReport.of("x", new StatusSnapshot("x.cfg", "opc.tcp://h:4840", "", State.DISCONNECTED, SINCE,
                advice), RETRY, 0, 0);
        assertEquals(advice, refused.lastError());
    }
}
