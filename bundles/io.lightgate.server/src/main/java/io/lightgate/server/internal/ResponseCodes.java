/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.server.api.LocalServerException;
import io.lightgate.server.api.LocalServerException.Reason;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.request.exception.UnconnectedPeerException;
import org.eclipse.leshan.core.response.LwM2mResponse;

/** Turns Leshan outcomes into {@link LocalServerException}s. */
final class ResponseCodes {

    private ResponseCodes() {
    }

    /** {@code 4.04} for 404. */
    static String dotted(ResponseCode code) {
        int value = code.getCode();
        return value / 100 + "." + String.format("%02d", value % 100);
    }

    static LocalServerException failed(String endpoint, String operation, String path, LwM2mResponse response) {
        String detail = response.getErrorMessage() == null ? "" : ": " + response.getErrorMessage();
        return new LocalServerException(Reason.DEVICE_ERROR, dotted(response.getCode()),
                endpoint + " answered " + dotted(response.getCode()) + " " + response.getCode().getName() + " to " + operation
                        + " " + path + detail, null);
    }

    static LocalServerException failed(String endpoint, String operation, String path, Exception error) {
        if (error instanceof TimeoutException || error instanceof ClientSleepingException || error instanceof UnconnectedPeerException) {
            return new LocalServerException(Reason.TIMEOUT, null, endpoint + " did not answer " + operation + " " + path
                    + " in time (" + error.getMessage() + "); is the device online?", error);
        }
        if (error instanceof InvalidRequestException || error instanceof IllegalArgumentException) {
            return new LocalServerException(Reason.BAD_REQUEST, null, "Invalid " + operation + " " + path + ": " + error.getMessage(), error);
        }
        return new LocalServerException(Reason.DEVICE_ERROR, null, operation + " " + path + " at " + endpoint + " failed: " + error, error);
    }
}
