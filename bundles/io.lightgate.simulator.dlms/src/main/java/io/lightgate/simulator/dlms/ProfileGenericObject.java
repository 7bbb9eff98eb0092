/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.CaptureObject;
import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile Generic (class 7): a ring buffer of captured rows whose first column is the clock.
 * Answers the whole buffer, by range on the clock (selector 1) or by entry (selector 2).
 */
final class ProfileGenericObject implements CosemObject {

    private final ObisCode obis;
    private final List<CaptureObject> columns;
    private final int capturePeriodSeconds;
    private final int maxEntries;
    private final ArrayDeque<List<DlmsData>> buffer = new ArrayDeque<>();

    ProfileGenericObject(ObisCode obis, List<CaptureObject> columns, int capturePeriodSeconds, int maxEntries) {
        this.obis = obis;
        this.columns = List.copyOf(columns);
        this.capturePeriodSeconds = capturePeriodSeconds;
        this.maxEntries = maxEntries;
    }

    @Override public int classId() { return 7; }
    @Override public ObisCode obis() { return obis; }
    @Override public int version() { return 1; }
    @Override public int attributeCount() { return 8; }

    /** Appends a row (clock first), dropping the oldest when full. */
    synchronized void capture(List<DlmsData> row) {
        if (buffer.size() == maxEntries) {
            buffer.removeFirst();
        }
        buffer.addLast(List.copyOf(row));
    }

    synchronized int entries() {
        return buffer.size();
    }

    @Override
    public synchronized Result getAttribute(AttributeAddress a) {
        return switch (a.index()) {
            case 2 -> buffer(a);
            case 3 -> Result.of(DlmsData.array(columns.stream().map(CaptureObject::toData).toList()));
            case 4 -> Result.of(DlmsData.uint32(capturePeriodSeconds));
            case 5 -> Result.of(DlmsData.enumeration(1)); // fifo
            case 6 -> Result.of(DlmsData.structure(DlmsData.uint16(0), DlmsData.octets(new byte[6]), DlmsData.int8(0),
                    DlmsData.uint16(0)));
            case 7 -> Result.of(DlmsData.uint32(buffer.size()));
            case 8 -> Result.of(DlmsData.uint32(maxEntries));
            default -> Result.error(DataAccessResult.OBJECT_UNDEFINED);
        };
    }

    private Result buffer(AttributeAddress a) {
        List<List<DlmsData>> rows = new ArrayList<>(buffer);
        try {
            if (a.selector() == 1) {
                List<DlmsData> p = a.parameters().items();
                Instant from = CosemDateTime.decode(p.get(1));
                Instant to = CosemDateTime.decode(p.get(2));
                List<List<DlmsData>> selected = new ArrayList<>();
                for (List<DlmsData> row : rows) {
                    Instant t = CosemDateTime.decode(row.get(0));
                    if (!t.isBefore(from) && !t.isAfter(to)) {
                        selected.add(row);
                    }
                }
                rows = selected;
            } else if (a.selector() == 2) {
                List<DlmsData> p = a.parameters().items();
                long from = Math.max(1, p.get(0).asLong());
                long to = p.get(1).asLong() == 0 ? rows.size() : Math.min(rows.size(), p.get(1).asLong());
                rows = from > to ? List.of() : rows.subList((int) from - 1, (int) to);
            } else if (a.selector() != 0) {
                return Result.error(DataAccessResult.SCOPE_OF_ACCESS_VIOLATED);
            }
        } catch (DlmsProtocolException | RuntimeException e) {
            return Result.error(DataAccessResult.TYPE_UNMATCHED);
        }
        return Result.of(DlmsData.array(rows.stream().map(DlmsData::structure).toList()));
    }

    @Override
    public synchronized Result action(int method, DlmsData parameters) {
        if (method == 1) { // reset
            buffer.clear();
            return null;
        }
        return Result.error(DataAccessResult.OBJECT_UNDEFINED);
    }
}
