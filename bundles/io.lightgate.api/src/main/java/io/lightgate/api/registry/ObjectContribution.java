/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An object handed to the registry with {@link ObjectRegistry#contribute}: it is decided like
 * an object service (model, endpoint, ranking) until it is withdrawn.
 */
@ProviderType
public interface ObjectContribution {

    /** Takes the object out of its endpoint's tree; calling it again does nothing. */
    void withdraw();
}
