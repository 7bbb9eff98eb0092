/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.time.Instant;
import java.util.function.Supplier;

/** Clock (class 8) 0.0.1.0.0.255: time (2, UTC), time_zone (3) 0, status (4) 0. */
final class ClockObject implements CosemObject {

    static final ObisCode OBIS = new ObisCode(0, 0, 1, 0, 0, 255);

    private final Supplier<Instant> now;

    ClockObject(Supplier<Instant> now) {
        this.now = now;
    }

    @Override public int classId() { return 8; }
    @Override public ObisCode obis() { return OBIS; }
    @Override public int version() { return 0; }
    @Override public int attributeCount() { return 9; }

    @Override
    public Result getAttribute(AttributeAddress a) {
        return switch (a.index()) {
            case 2 -> Result.of(CosemDateTime.toData(now.get()));
            case 3 -> Result.of(DlmsData.int16(0));
            case 4 -> Result.of(DlmsData.uint8(0));
            case 8 -> Result.of(DlmsData.bool(false));
            case 9 -> Result.of(DlmsData.enumeration(1));
            default -> Result.error(DataAccessResult.OBJECT_UNAVAILABLE);
        };
    }
}
