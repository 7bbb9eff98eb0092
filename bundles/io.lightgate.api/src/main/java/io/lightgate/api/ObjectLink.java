/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

/**
 * An object link value: a reference to an object instance ({@code 65535:65535} is the null link).
 *
 * @param objectId the object id, 0..65535
 * @param instanceId the instance id, 0..65535
 */
public record ObjectLink(int objectId, int instanceId) {

    /** The null object link {@code 65535:65535}. */
    public static final ObjectLink NULL = new ObjectLink(65535, 65535);

    public ObjectLink {
        if (objectId < 0 || objectId > 65535 || instanceId < 0 || instanceId > 65535) {
            throw new IllegalArgumentException("object link " + objectId + ":" + instanceId + " is outside 0..65535");
        }
    }

    /** Parses the text form {@code 3:0}. */
    public static ObjectLink parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("object link '" + text + "' is not of the form object:instance");
        }
        try {
            return new ObjectLink(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("object link '" + text + "' is not of the form object:instance");
        }
    }

    @Override
    public String toString() {
        return objectId + ":" + instanceId;
    }
}
