/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.Optional;

/** The Access Control instances of one endpoint, as {@link AccessPolicy} reads them. */
public interface AclLookup {

    /** Whether Access Control instances were provisioned at all (by configuration or a bootstrap server). */
    boolean provisioned();

    /** The Access Control instance about an object instance (or {@link AclInstance#OBJECT_LEVEL}). */
    Optional<AclInstance> about(int objectId, int instanceId);

    /** The Access Control instance with this id (/2/id). */
    Optional<AclInstance> byId(int id);
}
