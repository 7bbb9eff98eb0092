/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.status;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A service of the LwM2M engine: the registrations of every endpoint it runs, now. */
@ProviderType
public interface RegistrationMonitor {

    /** Every endpoint's registration with every server, by endpoint then server. */
    List<RegistrationStatus> registrations();

    /** The names of the endpoints the engine runs (also those with no server configured). */
    List<String> endpoints();
}
