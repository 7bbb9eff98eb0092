/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.ObjectListEntry;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Association LN (class 15) 0.0.40.0.0.255: object_list (2) of every object the meter serves. */
final class AssociationObject implements CosemObject {

    private final Supplier<Collection<CosemObject>> objects;

    AssociationObject(Supplier<Collection<CosemObject>> objects) {
        this.objects = objects;
    }

    @Override public int classId() { return 15; }
    @Override public ObisCode obis() { return ObjectListEntry.CURRENT_ASSOCIATION; }
    @Override public int version() { return 1; }
    @Override public int attributeCount() { return 9; }

    @Override
    public Result getAttribute(AttributeAddress a) {
        if (a.index() == 2) {
            List<DlmsData> list = new ArrayList<>();
            for (CosemObject o : objects.get()) {
                List<DlmsData> access = new ArrayList<>();
                for (int i = 1; i <= o.attributeCount(); i++) {
                    access.add(DlmsData.structure(DlmsData.int8(i), DlmsData.enumeration(1), DlmsData.NULL));
                }
                list.add(DlmsData.structure(DlmsData.uint16(o.classId()), DlmsData.uint8(o.version()),
                        DlmsData.octets(o.obis().bytes()),
                        DlmsData.structure(DlmsData.array(access), DlmsData.array(List.of()))));
            }
            return Result.of(DlmsData.array(list));
        }
        if (a.index() == 8) {
            return Result.of(DlmsData.enumeration(2)); // associated
        }
        return Result.error(DataAccessResult.OBJECT_UNAVAILABLE);
    }
}
