/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.status.SourceMonitor;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class AdaptersResourceTest {

    private static SourceStatus source(String kind, String name, SourceState state) {
        return new SourceStatus(kind, name, "127.0.0.1:4059", List.of(name), state, Instant.EPOCH,
                state == SourceState.CONNECTED ? "" : "refused", state == SourceState.CONNECTED ? null : Instant.EPOCH.plusSeconds(5), 1, 0);
    }

    @Test
    public void sourcesOfEveryMonitorByKindThenNameAndAFailingMonitorDoesNotHideTheOthers() throws Exception {
        SourceMonitor meters = () -> List.of(source("DLMS meter", "m2", SourceState.DISCONNECTED), source("DLMS meter", "m1", SourceState.CONNECTED));
        SourceMonitor opcua = () -> List.of(source("OPC UA server", "shopfloor", SourceState.CONNECTED));
        SourceMonitor broken = () -> {
            throw new IllegalStateException("gone");
        };
        List<SourceStatus> all = AdaptersResource.collect(List.of(opcua, broken, meters));
        assertEquals(List.of("m1", "m2", "shopfloor"), all.stream().map(SourceStatus::name).toList());
        String json = Json.MAPPER.writeValueAsString(all.get(1));
        assertTrue(json, json.contains("\"state\":\"DISCONNECTED\"") && json.contains("\"retryAt\":\"1970-01-01T00:00:05Z\"")
                && json.contains("\"lastError\":\"refused\"") && json.contains("\"endpoints\":[\"m2\"]"));
    }
}
