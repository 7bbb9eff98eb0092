/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import java.time.Instant;

/** What a {@link Meter} tells besides its values: whether it answers, who it is and its clock. Called on the meter's I/O thread. */
interface MeterListener {

    MeterListener NONE = new MeterListener() {
        @Override
        public void answered(MeterIdentity identity, Instant meterTime, Instant hostTime) {
        }

        @Override
        public void unreachable() {
        }
    };

    /**
     * A poll succeeded (the first one, or any later one).
     *
     * @param identity what the meter said about itself at the current association
     * @param meterTime its clock as read in this poll, or null when it has none (or an unreadable one)
     * @param hostTime the host's clock when the meter read its clock
     */
    void answered(MeterIdentity identity, Instant meterTime, Instant hostTime);

    /** A poll failed after the meter had answered (or before it ever did); said once per outage. */
    void unreachable();
}
