/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import java.time.Instant;
import java.util.List;

/** Selective access to a Profile Generic (class 7) buffer: by range (selector 1) or by entry (selector 2). */
public final class ProfileGeneric {

    public static final int CLASS_ID = 7;
    public static final int BUFFER = 2, CAPTURE_OBJECTS = 3, CAPTURE_PERIOD = 4, ENTRIES_IN_USE = 7, PROFILE_ENTRIES = 8;

    /** The clock column a range selection restricts on: Clock 0.0.1.0.0.255 time. */
    public static final CaptureObject CLOCK = new CaptureObject(8, new ObisCode(0, 0, 1, 0, 0, 255), 2, 0);

    private ProfileGeneric() {
    }

    /** The buffer entries whose clock column lies in [from, to], all columns. */
    public static AttributeAddress byRange(ObisCode profile, CaptureObject restricting, Instant from, Instant to) {
        DlmsData range = DlmsData.structure(restricting.toData(), CosemDateTime.toData(from), CosemDateTime.toData(to),
                DlmsData.array(List.of()));
        return new AttributeAddress(CLASS_ID, profile, BUFFER).withAccess(1, range);
    }

    /** Entries from..to (1-based, to 0 = the last), all columns. */
    public static AttributeAddress byEntry(ObisCode profile, long from, long to) {
        DlmsData entries = DlmsData.structure(DlmsData.uint32(from), DlmsData.uint32(to), DlmsData.uint16(1),
                DlmsData.uint16(0));
        return new AttributeAddress(CLASS_ID, profile, BUFFER).withAccess(2, entries);
    }
}
