/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * What the gateway accepts as a server's identity in a DTLS handshake. RPK: exactly the pinned
 * public key ({@code server.public.key.file}). X.509: a chain valid against the trust store
 * ({@code x509.truststore}) whose end certificate names the server URI's host, and/or the
 * pinned certificate ({@code server.certificate.file}) as the Certificate Usage (Security
 * object resource 15) says: 0 CA constraint, 1 service certificate constraint, 2 trust anchor
 * assertion, 3 domain-issued certificate (exactly the pinned one; the default).
 * Failures are {@link GeneralSecurityException}s whose message names the setting and file.
 */
final class ServerTrust {

    static final int CA_CONSTRAINT = 0;
    static final int SERVICE_CERTIFICATE_CONSTRAINT = 1;
    static final int TRUST_ANCHOR_ASSERTION = 2;
    static final int DOMAIN_ISSUED_CERTIFICATE = 3;

    private final PublicKey pinnedKey;
    private final List<X509Certificate> trusted;
    private final X509Certificate pinnedCertificate;
    private final int usage;
    private final String source;

    private ServerTrust(PublicKey pinnedKey, List<X509Certificate> trusted, X509Certificate pinnedCertificate, int usage, String source) {
        this.pinnedKey = pinnedKey;
        this.trusted = List.copyOf(trusted);
        this.pinnedCertificate = pinnedCertificate;
        this.usage = usage;
        this.source = source;
    }

    /** RPK: only this key. {@code source} names the setting and file, for messages. */
    static ServerTrust rawPublicKey(PublicKey pinned, String source) {
        return new ServerTrust(Objects.requireNonNull(pinned), List.of(), null, DOMAIN_ISSUED_CERTIFICATE, source);
    }

    /**
     * X.509: trusted CA certificates (may be empty when a certificate is pinned), a pinned
     * certificate (may be null when there are trusted CAs) and the certificate usage.
     */
    static ServerTrust x509(List<X509Certificate> trusted, X509Certificate pinned, int usage, String source) {
        if (usage < 0 || usage > 3) {
            throw new IllegalArgumentException(source + ": x509.certificate.usage " + usage + " is not 0, 1, 2 or 3");
        }
        if (pinned == null && trusted.isEmpty()) {
            throw new IllegalArgumentException(source + ": set x509.truststore (PEM file of CA certificates) or server.certificate.file");
        }
        if (pinned == null && usage != DOMAIN_ISSUED_CERTIFICATE) {
            throw new IllegalArgumentException(source + ": x509.certificate.usage " + usage + " needs server.certificate.file");
        }
        if (pinned != null && trusted.isEmpty() && (usage == CA_CONSTRAINT || usage == SERVICE_CERTIFICATE_CONSTRAINT)) {
            throw new IllegalArgumentException(source + ": x509.certificate.usage " + usage + " needs x509.truststore as well");
        }
        return new ServerTrust(null, trusted, pinned, usage, source);
    }

    /** Certificate usage (resource 15), for the Security object. */
    int usage() {
        return usage;
    }

    /** The settings and files this trust comes from, for messages. */
    String source() {
        return source;
    }

    void checkRawPublicKey(PublicKey key) throws GeneralSecurityException {
        if (pinnedKey == null) {
            throw new GeneralSecurityException("the server sent a raw public key, but " + source + " expects an X.509 certificate");
        }
        if (key == null || !Arrays.equals(pinnedKey.getEncoded(), key.getEncoded())) {
            throw new GeneralSecurityException("the server's public key is not the one pinned by " + source);
        }
    }

    /** Checks a server's certificate chain (end certificate first) for the server URI's host. */
    void checkChain(List<X509Certificate> chain, String host) throws GeneralSecurityException {
        if (pinnedKey != null) {
            throw new GeneralSecurityException("the server sent an X.509 certificate, but " + source + " expects a raw public key");
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("the server sent no certificate (" + source + ")");
        }
        X509Certificate end = chain.get(0);
        if (pinnedCertificate != null && usage == DOMAIN_ISSUED_CERTIFICATE) {
            if (!end.equals(pinnedCertificate)) {
                throw new GeneralSecurityException("the server's certificate (" + end.getSubjectX500Principal().getName()
                        + ") is not the one pinned by " + source);
            }
            return; // domain-issued: the pinned certificate is the whole trust
        }
        List<X509Certificate> anchors = usage == TRUST_ANCHOR_ASSERTION ? List.of(pinnedCertificate) : trusted;
        validate(chain, anchors);
        if (usage == SERVICE_CERTIFICATE_CONSTRAINT && pinnedCertificate != null && !end.equals(pinnedCertificate)) {
            throw new GeneralSecurityException("the server's certificate is valid but not the one pinned by " + source);
        }
        if (usage == CA_CONSTRAINT && pinnedCertificate != null && !chain.contains(pinnedCertificate)) {
            throw new GeneralSecurityException("the server's chain does not contain the CA certificate pinned by " + source);
        }
        checkHost(end, host);
    }

    private void validate(List<X509Certificate> chain, List<X509Certificate> anchors) throws GeneralSecurityException {
        // a chain may end with the anchor itself: PKIX wants the path without it
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(anchors::contains);
        if (path.isEmpty()) {
            path.add(chain.get(0));
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.forEach(a -> trustAnchors.add(new TrustAnchor(a, null)));
        try {
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false); // no CRL/OCSP reachable from a plant network
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("the server's certificate (" + chain.get(0).getSubjectX500Principal().getName()
                    + ") is not trusted by " + source + ": " + e.getMessage());
        }
    }

    /** RFC 6125: an IP address must be an IP SAN; a host name a DNS SAN (left-most wildcard allowed), else the CN. */
    private void checkHost(X509Certificate end, String host) throws GeneralSecurityException {
        String wanted = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean ip = isIpLiteral(wanted);
        List<String> names = new ArrayList<>();
        boolean hasDns = false;
        try {
            Collection<List<?>> sans = end.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (type == 7) {
                    names.add(value);
                    if (ip && sameAddress(value, wanted)) {
                        return;
                    }
                } else if (type == 2) {
                    hasDns = true;
                    names.add(value);
                    if (!ip && dnsMatches(value, wanted)) {
                        return;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new GeneralSecurityException("the server's certificate has unreadable subject alternative names: " + e.getMessage());
        }
        if (!ip && !hasDns) {
            String cn = commonName(end.getSubjectX500Principal());
            if (cn != null && dnsMatches(cn, wanted)) {
                return;
            }
            names.add("CN=" + cn);
        }
        throw new GeneralSecurityException("the server's certificate is not issued for " + wanted + " (it names " + names
                + "); the host of the server URI must be in its subject alternative names (" + source + ")");
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static String commonName(X500Principal subject) {
        for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerTrust other && usage == other.usage && Objects.equals(pinnedKey, other.pinnedKey)
                && trusted.equals(other.trusted) && Objects.equals(pinnedCertificate, other.pinnedCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pinnedKey, trusted, pinnedCertificate, usage);
    }

    @Override
    public String toString() {
        return source;
    }
}
