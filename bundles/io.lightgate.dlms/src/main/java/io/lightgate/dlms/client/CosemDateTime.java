/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DataType;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * COSEM date-time (12 octets: year, month, day, weekday, hour, minute, second, hundredths,
 * deviation, clock status). The deviation is read as the Blue Book defines it: minutes from
 * local time to UTC (UTC = local + deviation), so CET is -60. 0x8000 means "not specified",
 * which this class reads as UTC.
 */
public final class CosemDateTime {

    private static final int DEVIATION_UNSPECIFIED = 0x8000;

    private CosemDateTime() {
    }

    /** Encodes an instant as UTC (deviation 0), clock status 0. */
    public static byte[] encode(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return new byte[] {(byte) (d.getYear() >> 8), (byte) d.getYear(), (byte) d.getMonthValue(),
            (byte) d.getDayOfMonth(), (byte) d.getDayOfWeek().getValue(), (byte) d.getHour(), (byte) d.getMinute(),
            (byte) d.getSecond(), (byte) (d.getNano() / 10_000_000), 0, 0, 0};
    }

    public static DlmsData toData(Instant t) {
        return DlmsData.octets(encode(t));
    }

    /** Decodes an octet-string(12) or date-time value. */
    public static Instant decode(DlmsData data) throws DlmsProtocolException {
        if (data.type() != DataType.OCTET_STRING && data.type() != DataType.DATE_TIME) {
            throw new DlmsProtocolException("date-time is " + data.type() + ", not an octet-string");
        }
        return decode(data.bytes());
    }

    public static Instant decode(byte[] b) throws DlmsProtocolException {
        if (b.length != 12) {
            throw new DlmsProtocolException("date-time has " + b.length + " bytes, not 12");
        }
        int year = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int month = b[2] & 0xFF, day = b[3] & 0xFF, hour = b[5] & 0xFF, minute = b[6] & 0xFF, second = b[7] & 0xFF;
        int hundredths = b[8] & 0xFF;
        int deviation = ((b[9] & 0xFF) << 8) | (b[10] & 0xFF);
        if (year == 0xFFFF || month > 12 || day > 31 || hour == 0xFF || minute == 0xFF) {
            throw new DlmsProtocolException("date-time with unspecified fields cannot be an instant");
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second == 0xFF ? 0 : second,
                    hundredths == 0xFF ? 0 : hundredths * 10_000_000);
            int minutes = deviation == DEVIATION_UNSPECIFIED ? 0 : (short) deviation;
            return local.toInstant(ZoneOffset.UTC).plusSeconds(minutes * 60L);
        } catch (RuntimeException e) {
            throw new DlmsProtocolException("invalid date-time: " + e.getMessage());
        }
    }
}
