/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.status;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service an adapter registers for the southbound sources it talks to (OPC UA servers,
 * meters, ...): how its connections stand now, for consoles, shell commands and health checks.
 * An adapter may register one service for all its sources or one per source; readers collect
 * the {@link #sources()} of every SourceMonitor service.
 */
@ConsumerType
public interface SourceMonitor {

    /** The current state of each source this service reports; a snapshot, safe to call from any thread. */
    List<SourceStatus> sources();
}
