/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.ObisCode;
import java.util.ArrayList;
import java.util.List;

/** One column of a Profile Generic buffer (capture_objects element). */
public record CaptureObject(int classId, ObisCode obis, int attribute, int dataIndex) {

    public DlmsData toData() {
        return DlmsData.structure(DlmsData.uint16(classId), DlmsData.octets(obis.bytes()), DlmsData.int8(attribute),
                DlmsData.uint16(dataIndex));
    }

    /** Parses attribute 3 (capture_objects) of a Profile Generic. */
    public static List<CaptureObject> list(DlmsData array) throws DlmsProtocolException {
        List<CaptureObject> out = new ArrayList<>();
        try {
            for (DlmsData s : array.items()) {
                List<DlmsData> f = s.items();
                out.add(new CaptureObject((int) f.get(0).asLong(), ObisCode.of(f.get(1).bytes()), (int) f.get(2).asLong(),
                        (int) f.get(3).asLong()));
            }
        } catch (RuntimeException e) {
            throw new DlmsProtocolException("capture_objects is not array of structure{class, obis, attribute, index}");
        }
        return out;
    }
}
