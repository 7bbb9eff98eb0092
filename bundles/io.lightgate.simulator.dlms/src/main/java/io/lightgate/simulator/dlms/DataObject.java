/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;

/** Data (class 1): one value (attribute 2), writable when asked. */
final class DataObject implements CosemObject {

    private final ObisCode obis;
    private final boolean writable;
    private volatile DlmsData value;

    DataObject(ObisCode obis, DlmsData value, boolean writable) {
        this.obis = obis;
        this.value = value;
        this.writable = writable;
    }

    @Override public int classId() { return 1; }
    @Override public ObisCode obis() { return obis; }
    @Override public int version() { return 0; }
    @Override public int attributeCount() { return 2; }

    @Override
    public Result getAttribute(AttributeAddress a) {
        return a.index() == 2 ? Result.of(value) : Result.error(DataAccessResult.OBJECT_UNDEFINED);
    }

    @Override
    public DataAccessResult set(int attribute, DlmsData v) {
        if (attribute != 2 || !writable) {
            return DataAccessResult.READ_WRITE_DENIED;
        }
        value = v;
        return DataAccessResult.SUCCESS;
    }
}
