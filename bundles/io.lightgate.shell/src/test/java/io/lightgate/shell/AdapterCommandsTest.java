/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.shell;

import static org.junit.Assert.assertTrue;

import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class AdapterCommandsTest {

    @Test
    public void aLinePerSourceWithItsRetryAndItsErrorBelow() {
        Instant now = Instant.parse("2026-12-07T03:00:00Z");
        String text = AdapterCommands.format(List.of(
                new SourceStatus("OPC UA server", "server-shopfloor", "opc.tcp://127.0.0.1:4840", List.of("shopfloor"),
                        SourceState.DISCONNECTED, now.minusSeconds(30), "Connection refused (check endpoint.url)", now.plusSeconds(4), 1, 0),
                new SourceStatus("DLMS meter", "meter-demo", "127.0.0.1:4059", List.of("meter-demo"), SourceState.CONNECTED,
                        now.minusSeconds(90), "", null, 17, 0)), now);
        String[] lines = text.split("\n");
        assertTrue(text, lines[1].startsWith("DLMS meter") && lines[1].contains("CONNECTED") && lines[1].contains("17/0"));
        assertTrue(text, lines[2].startsWith("OPC UA server") && lines[2].contains("DISCONNECTED") && lines[2].contains("4 s")
                && lines[2].contains("30 s"));
        assertTrue(text, lines[3].contains("Connection refused (check endpoint.url)"));
    }

    @Test
    public void noSourceSaysWhereToConfigureOne() {
        assertTrue(AdapterCommands.format(List.of(), Instant.EPOCH).contains("etc/io.lightgate.adapter.opcua.server-*.cfg"));
    }
}
