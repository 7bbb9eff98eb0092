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

/** One element of an Association LN (class 15) object_list: what the meter offers. */
public record ObjectListEntry(int classId, int version, ObisCode obis) {

    /** Association LN "current association" 0.0.40.0.0.255, attribute 2 = object_list. */
    public static final ObisCode CURRENT_ASSOCIATION = new ObisCode(0, 0, 40, 0, 0, 255);

    public static List<ObjectListEntry> list(DlmsData objectList) throws DlmsProtocolException {
        List<ObjectListEntry> out = new ArrayList<>();
        try {
            for (DlmsData s : objectList.items()) {
                List<DlmsData> f = s.items();
                out.add(new ObjectListEntry((int) f.get(0).asLong(), (int) f.get(1).asLong(), ObisCode.of(f.get(2).bytes())));
            }
        } catch (RuntimeException e) {
            throw new DlmsProtocolException("object_list is not array of structure{class, version, obis, access}: " + e);
        }
        return out;
    }
}
