/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.URI;
import java.util.Objects;

/**
 * The bootstrap server the endpoints ask when they have no server, as the engine uses it.
 *
 * @param uri coap://host:port
 * @param holdOffSeconds wait before a client-initiated Bootstrap-Request
 * @param sessionTimeoutSeconds a session without Finish is given up after this long
 * @param preferredContentFormat pct= of the Bootstrap-Request, 0 for none
 */
record BootstrapServerDefinition(URI uri, long holdOffSeconds, long sessionTimeoutSeconds, int preferredContentFormat) {

    BootstrapServerDefinition {
        Objects.requireNonNull(uri, "uri");
        holdOffSeconds = Math.max(0, holdOffSeconds);
        sessionTimeoutSeconds = sessionTimeoutSeconds < 1 ? 60 : sessionTimeoutSeconds;
    }

    @Override
    public String toString() {
        return "bootstrap server " + uri;
    }
}
