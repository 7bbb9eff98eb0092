/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The PSK credentials of one endpoint's DTLS connector, per server address. Registrations put
 * their server's credential here before they send; the handshake (on a pool thread, possibly
 * while a Registration holds its lock) reads it without taking any engine lock.
 */
final class PskCredentialStore implements AdvancedPskStore {

    private final Map<InetSocketAddress, PskCredential> byServer = new ConcurrentHashMap<>();

    void put(InetSocketAddress server, PskCredential credential) {
        byServer.put(server, credential);
    }

    void remove(InetSocketAddress server) {
        byServer.remove(server);
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        PskCredential c = byServer.get(peerAddress);
        return c == null ? null : new PskPublicInformation(c.identity());
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
            String hmacAlgorithm, SecretKey otherSecret, byte[] seed, boolean useExtendedMasterSecret) {
        // the client side asks for the identity it offered; two servers of one endpoint with the same
        // identity and different keys are not told apart here (Scandium gives no peer address)
        String wanted = identity.getPublicInfoAsString();
        SecretKey secret = null;
        for (PskCredential c : byServer.values()) {
            if (c.identity().equals(wanted)) {
                byte[] key = c.key();
                secret = SecretUtil.create(key, "PSK");
                java.util.Arrays.fill(key, (byte) 0);
                break;
            }
        }
        return new PskSecretResult(cid, identity, secret);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous
    }
}
