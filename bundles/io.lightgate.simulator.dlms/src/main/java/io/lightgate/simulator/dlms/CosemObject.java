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

/** A COSEM object the simulated meter serves. Attribute 1 (logical_name) is answered here. */
interface CosemObject {

    int classId();

    ObisCode obis();

    int version();

    /** Attribute 2 and up; selective access in {@code address}. */
    Result getAttribute(AttributeAddress address);

    default Result get(AttributeAddress address) {
        if (address.index() == 1) {
            return Result.of(DlmsData.octets(obis().bytes()));
        }
        return getAttribute(address);
    }

    default DataAccessResult set(int attribute, DlmsData value) {
        return DataAccessResult.READ_WRITE_DENIED;
    }

    /** Invokes a method; null result means "object has no such method". */
    default Result action(int method, DlmsData parameters) {
        return Result.error(DataAccessResult.OBJECT_UNAVAILABLE);
    }

    /** The number of attributes, for the object list's access rights. */
    int attributeCount();
}
