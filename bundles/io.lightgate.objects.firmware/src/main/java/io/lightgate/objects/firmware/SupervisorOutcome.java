/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.util.Properties;

/**
 * The verdict bin/lightgate leaves in data/firmware/outcome.properties when it ended a trial:
 * {@code result} (an Update Result code, 1 or 2..9), {@code reason} (a sentence for the log),
 * {@code image} (the package that was tried). A file that does not say a valid result is
 * read as 8 (firmware update failed): the supervisor only writes one when something happened.
 */
record SupervisorOutcome(int result, String reason, String image) {

    static SupervisorOutcome parse(Properties p) {
        String reason = p.getProperty("reason", "").strip();
        String image = p.getProperty("image", "").strip();
        String text = p.getProperty("result", "").strip();
        int result;
        try {
            result = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return new SupervisorOutcome(FirmwareState.RESULT_UPDATE_FAILED,
                    (reason.isEmpty() ? "" : reason + "; ") + "outcome.properties says result=" + text + ", not a number", image);
        }
        if (result != FirmwareState.RESULT_SUCCESS
                && (result < FirmwareState.RESULT_NO_STORAGE || result > FirmwareState.RESULT_UNSUPPORTED_PROTOCOL)) {
            return new SupervisorOutcome(FirmwareState.RESULT_UPDATE_FAILED,
                    (reason.isEmpty() ? "" : reason + "; ") + "outcome.properties says result=" + result + ", not an Update Result", image);
        }
        return new SupervisorOutcome(result, reason, image);
    }

    boolean success() {
        return result == FirmwareState.RESULT_SUCCESS;
    }
}
