/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

final class SimulatorTestSupport {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private SimulatorTestSupport() {
    }

    /** A simulator on an ephemeral loopback port whose clock stands still at {@link #NOW}. */
    static DlmsServer start(TransportKind transport, Authentication auth, String password, int maxPdu, int hdlcInfo)
            throws Exception {
        SimulatedMeter meter = new SimulatedMeter("LGZ0001", () -> NOW, 42, 8.0, Duration.ofMinutes(15), 96);
        return new DlmsServer(meter, new ServerOptions(transport, 1, auth, password == null ? null : password.getBytes(),
                maxPdu, hdlcInfo, 4), InetAddress.getLoopbackAddress(), 0);
    }
}
