/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mPath;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;

/**
 * An observation as a server asked for it, kept in data/ so that after a restart (a kill -9) the
 * endpoint goes on notifying the server on the same token without the server observing again:
 * the Observe request's token, method (GET, or FETCH for an Observe-Composite), message type (a
 * NON Observe gets NON notifications), path, Accept and, for a FETCH, its payload.
 *
 * @param token the request's token, which the server matches notifications by
 * @param fetch whether it is an Observe-Composite (FETCH on /)
 * @param confirmable whether the Observe came as CON
 * @param path the observed path (the root for an Observe-Composite)
 * @param accept the Accept option, or -1
 * @param contentFormat the Content-Format of a FETCH payload, or -1
 * @param payload the FETCH payload (the observed paths), empty for a GET
 */
record StoredObservation(byte[] token, boolean fetch, boolean confirmable, LwM2mPath path, int accept, int contentFormat, byte[] payload) {

    StoredObservation {
        Objects.requireNonNull(path, "path");
        token = token.clone();
        payload = payload == null ? new byte[0] : payload.clone();
        if (token.length == 0 || token.length > 8) {
            throw new IllegalArgumentException("a CoAP token has 1 to 8 bytes, not " + token.length);
        }
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The observation a server's Observe request on {@code path} asks for. */
    static StoredObservation of(Request request, LwM2mPath path) {
        var options = request.getOptions();
        return new StoredObservation(request.getToken().getBytes(), request.getCode() == CoAP.Code.FETCH,
                request.isConfirmable(), path, options.hasAccept() ? options.getAccept() : -1,
                options.hasContentFormat() ? options.getContentFormat() : -1, request.getPayload());
    }

    /** The token in hex: the key the observation is stored under. */
    String key() {
        return HexFormat.of().formatHex(token);
    }

    /** {@code <token hex> <GET|FETCH> <CON|NON> <path> <accept> <content format> <payload base64 or ->}. */
    String encode() {
        return key() + " " + (fetch ? "FETCH" : "GET") + " " + (confirmable ? "CON" : "NON") + " " + path + " " + accept + " " + contentFormat
                + " " + (payload.length == 0 ? "-" : Base64.getEncoder().encodeToString(payload));
    }

    /**
     * The stored form read back.
     *
     * @throws IllegalArgumentException when it is not what {@link #encode()} writes
     */
    static StoredObservation decode(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 7 || !(parts[1].equals("GET") || parts[1].equals("FETCH")) || !(parts[2].equals("CON") || parts[2].equals("NON"))) {
            throw new IllegalArgumentException("expected '<token> <GET|FETCH> <CON|NON> <path> <accept> <format> <payload>', got '" + text + "'");
        }
        byte[] payload = parts[6].equals("-") ? new byte[0] : Base64.getDecoder().decode(parts[6]);
        return new StoredObservation(HexFormat.of().parseHex(parts[0]), parts[1].equals("FETCH"), parts[2].equals("CON"),
                LwM2mPath.parse(parts[3]), Integer.parseInt(parts[4]), Integer.parseInt(parts[5]), payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredObservation other && Arrays.equals(token, other.token) && fetch == other.fetch
                && confirmable == other.confirmable && path.equals(other.path) && accept == other.accept
                && contentFormat == other.contentFormat && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(token), fetch, confirmable, path, accept, contentFormat, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return (fetch ? "Observe-Composite " : "Observe ") + path + " (token " + key() + ")";
    }
}
