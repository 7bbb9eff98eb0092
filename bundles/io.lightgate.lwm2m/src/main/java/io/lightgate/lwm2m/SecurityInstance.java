/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.Resource;

/**
 * One Security object (0) instance as the engine reads it: where the server is, whether it is
 * the bootstrap server, and the credentials the DTLS transport uses (Core E.1). Secret bytes are
 * never part of {@link #toString()}.
 *
 * @param instanceId the instance id under /0
 * @param uri resource 0, LwM2M Server URI
 * @param bootstrapServer resource 1
 * @param securityMode resource 2: 0 PSK, 1 RPK, 2 X.509, 3 NoSec, 4 EST
 * @param identity resource 3, Public Key or Identity (PSK identity, own public key or certificate)
 * @param serverPublicKey resource 4, the server's public key or certificate
 * @param secretKey resource 5, PSK key or own private key
 * @param shortServerId resource 10, -1 when absent (the bootstrap server has none)
 * @param clientHoldOffSeconds resource 11, 0 when absent
 * @param certificateUsage resource 15, 3 (domain-issued certificate) when absent, as the Core spec defaults
 */
record SecurityInstance(int instanceId, String uri, boolean bootstrapServer, int securityMode, byte[] identity,
        byte[] serverPublicKey, byte[] secretKey, int shortServerId, long clientHoldOffSeconds,
        int certificateUsage) {

    static final int PSK = 0;
    static final int RPK = 1;
    static final int X509 = 2;
    static final int NO_SEC = 3;

    static SecurityInstance of(InstanceContent instance) {
        return new SecurityInstance(instance.id(), ClientState.stringOf(instance, 0, ""), bool(instance, 1),
                (int) ClientState.longOf(instance, 2, NO_SEC), bytes(instance, 3), bytes(instance, 4), bytes(instance, 5),
                (int) ClientState.longOf(instance, 10, -1), ClientState.longOf(instance, 11, 0),
                (int) ClientState.longOf(instance, 15, 3));
    }

    private static boolean bool(InstanceContent instance, int id) {
        Resource r = instance.resources().get(id);
        try {
            return r != null && !r.isMultiple() && r.value().asBoolean();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static byte[] bytes(InstanceContent instance, int id) {
        Resource r = instance.resources().get(id);
        try {
            return r == null || r.isMultiple() ? new byte[0] : r.value().asOpaque();
        } catch (IllegalStateException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return "/0/" + instanceId + " " + uri + (bootstrapServer ? " (bootstrap server)" : " ssid " + shortServerId) + " mode " + securityMode;
    }
}
