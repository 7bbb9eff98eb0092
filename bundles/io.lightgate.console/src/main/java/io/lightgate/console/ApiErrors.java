/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.server.api.LocalServerException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON error bodies: {@code {"status":404,"error":"unknown-endpoint","message":"...","deviceCode":"4.04"}}. */
final class ApiErrors {

    private ApiErrors() {
    }

    static void send(HttpServletResponse response, int status, String error, String message) throws IOException {
        send(response, status, error, message, null);
    }

    static void send(HttpServletResponse response, int status, String error, String message, String deviceCode) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        if (deviceCode != null) {
            body.put("deviceCode", deviceCode);
        }
        Json.write(response, status, body);
    }

    /** The HTTP status for a local server failure; a device's 4.xx keeps its number (4.04 -> 404). */
    static int status(LocalServerException e) {
        switch (e.reason()) {
            case UNKNOWN_ENDPOINT: return 404;
            case BAD_REQUEST: return 400;
            case TIMEOUT: return 504;
            case UNAVAILABLE: return 503;
            default:
                String code = e.deviceCode();
                if (code != null && code.startsWith("4.") && code.length() == 4) {
                    return 400 + Integer.parseInt(code.substring(2));
                }
                return 502;
        }
    }

    static void send(HttpServletResponse response, LocalServerException e) throws IOException {
        send(response, status(e), e.reason().name().toLowerCase().replace('_', '-'), e.getMessage(), e.deviceCode());
    }
}
