/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.model;

import java.util.List;
import java.util.Optional;

/**
 * The object models the gateway knows: the OMA core objects 0-7 built in, plus the DDF files
 * that started bundles ship (manifest header {@value #MODELS_HEADER}). A bundle's models go
 * away when it stops. When several bundles define the same object id, the highest object
 * version wins, then the bundle installed first. A bundle that makes models at runtime (an
 * adapter generating them from a device's self-description) registers each {@link ObjectModel}
 * as a service: it is in force while the service is registered and loses version ties against
 * DDF files.
 */
public interface ModelRepository {

    /**
     * Manifest header naming the folders (comma-separated, inside the bundle) whose
     * {@code *.xml} DDF files the registry loads, e.g. {@code LwM2M-Models: models}.
     */
    String MODELS_HEADER = "LwM2M-Models";

    /** The model in force for this object id. */
    Optional<ObjectModel> model(int objectId);

    /** Every model in force, ordered by object id. */
    List<ObjectModel> models();
}
