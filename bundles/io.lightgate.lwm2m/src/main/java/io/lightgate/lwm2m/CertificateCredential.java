/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The gateway endpoint's own DTLS identity with raw public keys (a key pair) or X.509 (a key and
 * its certificate chain), and what it accepts from the server. {@link #toString()} names the
 * files, never a key.
 */
final class CertificateCredential {

    private final TransportSecurity.Mode mode;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final List<X509Certificate> chain;
    private final ServerTrust trust;
    private final String description;

    private CertificateCredential(TransportSecurity.Mode mode, PrivateKey privateKey, PublicKey publicKey, List<X509Certificate> chain,
            ServerTrust trust, String description) {
        this.mode = mode;
        this.privateKey = Objects.requireNonNull(privateKey);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.chain = List.copyOf(chain);
        this.trust = Objects.requireNonNull(trust);
        this.description = description;
    }

    static CertificateCredential rawPublicKey(PrivateKey privateKey, PublicKey publicKey, ServerTrust trust, String description) {
        return new CertificateCredential(TransportSecurity.Mode.RPK, privateKey, publicKey, List.of(), trust, description);
    }

    static CertificateCredential x509(PrivateKey privateKey, List<X509Certificate> chain, ServerTrust trust, String description) {
        return new CertificateCredential(TransportSecurity.Mode.X509, privateKey, chain.get(0).getPublicKey(), chain, trust, description);
    }

    TransportSecurity.Mode mode() {
        return mode;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** The certificate chain, own certificate first; empty for RPK. */
    List<X509Certificate> chain() {
        return chain;
    }

    ServerTrust trust() {
        return trust;
    }

    /**
     * Which DTLS connector of an endpoint carries this identity: one per mode and key, since
     * Scandium asks for the client's certificate without saying which server wants it.
     */
    String connectorKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return mode + ":" + HexFormat.of().formatHex(digest, 0, 8) + (chain.isEmpty() ? "" : ":" + chain.get(0).hashCode());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateCredential other && mode == other.mode
                && Arrays.equals(privateKey.getEncoded(), other.privateKey.getEncoded())
                && publicKey.equals(other.publicKey) && chain.equals(other.chain) && trust.equals(other.trust);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, publicKey, chain, trust);
    }

    @Override
    public String toString() {
        return description;
    }
}
