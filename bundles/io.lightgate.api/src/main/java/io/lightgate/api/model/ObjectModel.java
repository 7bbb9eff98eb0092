/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The definition of an LwM2M object, as an OMA DDF file describes it.
 *
 * @param id object id
 * @param name human-readable name
 * @param version object version, "1.0" when the DDF names none
 * @param lwm2mVersion the LwM2M version the object was defined for
 * @param multiple true when the object may have several instances
 * @param mandatory true when every client must implement it
 * @param urn the object URN (may be empty)
 * @param description the DDF description
 * @param resources resource definitions by id (unmodifiable)
 */
public record ObjectModel(int id, String name, String version, String lwm2mVersion, boolean multiple,
        boolean mandatory, String urn, String description, SortedMap<Integer, ResourceModel> resources) {

    /** Version used when a DDF file names none. */
    public static final String DEFAULT_VERSION = "1.0";

    public ObjectModel {
        Objects.requireNonNull(name, "name");
        version = version == null || version.isBlank() ? DEFAULT_VERSION : version.strip();
        lwm2mVersion = lwm2mVersion == null || lwm2mVersion.isBlank() ? "1.0" : lwm2mVersion.strip();
        urn = urn == null ? "" : urn;
        description = description == null ? "" : description;
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    /** Builds a model from a collection of resource models. */
    public static ObjectModel of(int id, String name, String version, boolean multiple, boolean mandatory,
            Collection<ResourceModel> resources) {
        SortedMap<Integer, ResourceModel> map = new TreeMap<>();
        resources.forEach(r -> map.put(r.id(), r));
        return new ObjectModel(id, name, version, "1.1", multiple, mandatory, "", "", map);
    }

    /** The resource definition with this id. */
    public Optional<ResourceModel> resource(int resourceId) {
        return Optional.ofNullable(resources.get(resourceId));
    }
}
