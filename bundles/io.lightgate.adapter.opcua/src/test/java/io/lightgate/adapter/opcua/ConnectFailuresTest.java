/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static io.lightgate.adapter.opcua.ConnectFailures.Level.DEBUG;
import static io.lightgate.adapter.opcua.ConnectFailures.Level.INFO;
import static io.lightgate.adapter.opcua.ConnectFailures.Level.WARN;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ConnectFailuresTest {

    private static final String REFUSED = "Connection refused";
    private static final String TIMEOUT = "connect timed out";
    private static final String UNTRUSTED = "Bad_SecurityChecksFailed: the server does not trust the gateway's certificate";
    private final ConnectFailures failures = new ConnectFailures(1_000, 10_000);

    @Test
    public void aServerNotUpYetAtTheStartIsInfoUntilTheGraceIsOverThenOneWarning() {
        assertEquals(INFO, failures.failed(REFUSED, true, 1_000));
        assertEquals(DEBUG, failures.failed(REFUSED, true, 3_000));
        assertEquals(DEBUG, failures.failed(REFUSED, true, 10_999));
        assertEquals("still not reachable 10 s after the start", WARN, failures.failed(REFUSED, true, 11_000));
        assertEquals(DEBUG, failures.failed(REFUSED, true, 41_000));
        assertEquals("a new reason", WARN, failures.failed(TIMEOUT, true, 71_000));
        assertEquals(DEBUG, failures.failed(TIMEOUT, true, 101_000));
    }

    @Test
    public void aNewReasonWithinTheGraceIsInfoAgain() {
        assertEquals(INFO, failures.failed(REFUSED, true, 1_000));
        assertEquals(INFO, failures.failed(TIMEOUT, true, 2_000));
    }

    @Test
    public void aServerThatAnswersAndRefusesWarnsAtOnceEvenAtTheStart() {
        assertEquals(WARN, failures.failed(UNTRUSTED, false, 1_000));
        assertEquals(DEBUG, failures.failed(UNTRUSTED, false, 2_000));
    }

    @Test
    public void afterAConnectionEveryFailureReasonWarnsOnceAtOnce() {
        assertEquals(INFO, failures.failed(REFUSED, true, 1_000));
        failures.connected();
        assertEquals("lost after it was connected: no grace", WARN, failures.failed(REFUSED, false, 2_000));
        assertEquals(DEBUG, failures.failed(REFUSED, false, 2_200));
        failures.connected();
        assertEquals("lost again later", WARN, failures.failed(REFUSED, false, 60_000));
    }
}
