/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.Test;

public class MeterSourceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private static final Instant NEXT_POLL = T0.plusSeconds(5);

    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private MeterSource source() {
        return new MeterSource("io.lightgate.adapter.dlms.meter-demo", "127.0.0.1:4059", List.of("meter-demo"),
                "etc/io.lightgate.adapter.dlms.meter-demo.cfg", new Clock() {
                    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
                    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                    @Override public Instant instant() { return clock.instant(); }
                }, () -> NEXT_POLL);
    }

    private SourceStatus only(MeterSource s) {
        List<SourceStatus> list = s.sources();
        assertEquals(1, list.size());
        return list.get(0);
    }

    @Test
    public void connectingUntilTheFirstPollThenConnectedWithoutRetry() {
        MeterSource s = source();
        assertEquals(SourceState.CONNECTING, only(s).state());
        assertEquals(NEXT_POLL, only(s).retryAt());
        clock = Clock.offset(clock, java.time.Duration.ofSeconds(1));
        s.polled(null);
        SourceStatus up = only(s);
        assertEquals(SourceState.CONNECTED, up.state());
        assertEquals(T0.plusSeconds(1), up.since());
        assertNull(up.retryAt());
        assertEquals(1, up.reads());
        assertEquals(0, up.reconnects());
        assertEquals("DLMS meter", up.kind());
        assertEquals("127.0.0.1:4059", up.address());
        assertEquals(List.of("meter-demo"), up.endpoints());
    }

    @Test
    public void aMeterThatStopsAnsweringIsDisconnectedWithTheErrorAndTheNextPollThenCountsAReconnect() {
        MeterSource s = source();
        s.polled(null);
        clock = Clock.offset(clock, java.time.Duration.ofSeconds(10));
        s.polled(new CompletionException(LwM2mException.unavailable("meter meter-demo at 127.0.0.1:4059 does not answer: Connection refused")));
        s.polled(new CompletionException(LwM2mException.unavailable("meter meter-demo at 127.0.0.1:4059 does not answer: Connection refused")));
        SourceStatus down = only(s);
        assertEquals(SourceState.DISCONNECTED, down.state());
        assertEquals("since the first failed poll, not the last", T0.plusSeconds(10), down.since());
        assertTrue(down.lastError(), down.lastError().startsWith("meter meter-demo at 127.0.0.1:4059 does not answer: Connection refused;"));
        assertTrue(down.lastError(), down.lastError().contains("etc/io.lightgate.adapter.dlms.meter-demo.cfg"));
        assertEquals(NEXT_POLL, down.retryAt());
        s.polled(null);
        SourceStatus back = only(s);
        assertEquals(SourceState.CONNECTED, back.state());
        assertEquals("", back.lastError());
        assertEquals(1, back.reconnects());
        assertEquals(2, back.reads());
    }
}
