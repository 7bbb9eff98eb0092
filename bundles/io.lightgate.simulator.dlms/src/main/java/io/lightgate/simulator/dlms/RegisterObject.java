/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.util.function.Supplier;

/** Register (class 3): value (2), scaler_unit (3); method 1 reset. */
final class RegisterObject implements CosemObject {

    private final ObisCode obis;
    private final ScalerUnit scalerUnit;
    private final Supplier<DlmsData> value;
    private final Runnable reset;

    RegisterObject(ObisCode obis, ScalerUnit scalerUnit, Supplier<DlmsData> value, Runnable reset) {
        this.obis = obis;
        this.scalerUnit = scalerUnit;
        this.value = value;
        this.reset = reset;
    }

    @Override public int classId() { return 3; }
    @Override public ObisCode obis() { return obis; }
    @Override public int version() { return 0; }
    @Override public int attributeCount() { return 3; }

    @Override
    public Result getAttribute(AttributeAddress a) {
        return switch (a.index()) {
            case 2 -> Result.of(value.get());
            case 3 -> Result.of(scalerUnit.toData());
            default -> Result.error(DataAccessResult.OBJECT_UNDEFINED);
        };
    }

    @Override
    public Result action(int method, DlmsData parameters) {
        if (method != 1) {
            return Result.error(DataAccessResult.OBJECT_UNDEFINED);
        }
        if (reset == null) {
            return Result.error(DataAccessResult.READ_WRITE_DENIED);
        }
        reset.run();
        return null;
    }
}
