/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;

/** Which of the endpoint's registrations a request or relation comes from. */
@FunctionalInterface
interface ServerLookup {

    /** The registration of the server at {@code source}, or null for strangers. */
    Registration registrationFor(InetSocketAddress source);
}
