/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A client registered to the local server.
 *
 * @param endpoint the client's endpoint name
 * @param registrationId the id the server gave the registration
 * @param address the client's IP address and port as text (e.g. {@code 127.0.0.1:56830})
 * @param lwm2mVersion the LwM2M version the client registered with
 * @param binding the binding mode (e.g. {@code U}, {@code UQ})
 * @param lifetimeSeconds the registration lifetime
 * @param registeredAt when the client registered
 * @param lastUpdate when the client last registered or updated
 * @param secure true when the client talks DTLS
 * @param objectLinks the client's object links, e.g. {@code /3/0}, {@code /3311/1}
 */
public record ClientInfo(String endpoint, String registrationId, String address, String lwm2mVersion,
        String binding, long lifetimeSeconds, Instant registeredAt, Instant lastUpdate, boolean secure,
        List<String> objectLinks) {

    public ClientInfo {
        Objects.requireNonNull(endpoint, "endpoint");
        objectLinks = List.copyOf(objectLinks);
    }

    /** True when one of the object links names this object (with or without an instance). */
    public boolean hasObject(int objectId) {
        String bare = "/" + objectId;
        return objectLinks.stream().anyMatch(l -> l.equals(bare) || l.startsWith(bare + "/"));
    }

    /** The instance ids of this object named in the object links, in link order. */
    public List<Integer> instancesOf(int objectId) {
        String prefix = "/" + objectId + "/";
        return objectLinks.stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit))
                .map(Integer::valueOf).toList();
    }
}
