/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an endpoint secures its traffic with one server: the security mode and the credentials.
 * PSK: the gateway's own endpoint uses the configured identity and key; any endpoint listed
 * in the per-endpoint key file ({@code psk.keys.file}) uses its name as identity and the key
 * from that file (that entry wins, also for the gateway's endpoint). RPK and X.509: the gateway's
 * own endpoint uses the configured key (and certificate chain). Secrets never appear in
 * {@link #toString()}.
 */
final class TransportSecurity {

    /** LwM2M Security Mode (resource 0/x/2) values. */
    enum Mode {
        PSK(0), RPK(1), X509(2), NO_SEC(3);

        final long lwm2mValue;

        Mode(long lwm2mValue) {
            this.lwm2mValue = lwm2mValue;
        }

        /** A mode from its setting; blank means {@code fallback}. */
        static Mode parse(String text, Mode fallback, String where) {
            if (text == null || text.isBlank()) {
                return fallback;
            }
            String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace("NOSEC", "NO_SEC");
            try {
                return Mode.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": security.mode '" + text + "' is not one of NO_SEC, PSK, RPK, X509");
            }
        }
    }

    static final TransportSecurity NO_SEC = new TransportSecurity(Mode.NO_SEC, "", null, Map.of(), "", null);

    private final Mode mode;
    private final String pskIdentity;
    private final byte[] pskKey;
    private final Map<String, byte[]> endpointKeys;
    private final String keysFile;
    private final CertificateCredential certificate;
    private final Map<String, CertificateCredential> endpointCertificates;

    private TransportSecurity(Mode mode, String pskIdentity, byte[] pskKey, Map<String, byte[]> endpointKeys, String keysFile,
            CertificateCredential certificate) {
        this(mode, pskIdentity, pskKey, endpointKeys, keysFile, certificate, Map.of());
    }

    private TransportSecurity(Mode mode, String pskIdentity, byte[] pskKey, Map<String, byte[]> endpointKeys, String keysFile,
            CertificateCredential certificate, Map<String, CertificateCredential> endpointCertificates) {
        this.endpointCertificates = Map.copyOf(endpointCertificates);
        this.mode = mode;
        this.pskIdentity = pskIdentity == null ? "" : pskIdentity;
        this.pskKey = pskKey == null ? null : pskKey.clone();
        Map<String, byte[]> copy = new LinkedHashMap<>();
        endpointKeys.forEach((k, v) -> copy.put(k, v.clone()));
        this.endpointKeys = Map.copyOf(copy);
        this.keysFile = keysFile;
        this.certificate = certificate;
    }

    /** RPK or X.509: the gateway endpoint's key (and chain) and what it accepts from the server. */
    static TransportSecurity certificate(CertificateCredential credential) {
        return new TransportSecurity(credential.mode(), "", null, Map.of(), "", credential);
    }

    /**
     * RPK or X.509 identities: the gateway endpoint's (may be null) and one per endpoint name
     * (which wins, also for the gateway's endpoint).
     *
     * @param source the folder the per-endpoint identities came from, for messages ("" if none)
     */
    static TransportSecurity certificates(Mode mode, CertificateCredential gateway, Map<String, CertificateCredential> endpoints,
            String source) {
        return new TransportSecurity(mode, "", null, Map.of(), source, gateway, endpoints);
    }

    /**
     * PSK credentials: an identity and key for the gateway's endpoint (both or neither) and/or
     * keys per endpoint name.
     *
     * @param keysFile where the per-endpoint keys came from, for messages ("" if none)
     * @param where the configuration, for the error message
     */
    static TransportSecurity psk(String identity, byte[] key, Map<String, byte[]> endpointKeys, String keysFile, String where) {
        boolean hasIdentity = identity != null && !identity.isBlank();
        if (hasIdentity != (key != null)) {
            throw new IllegalArgumentException(where + ": " + (hasIdentity ? "psk.identity is set but no key (set psk.key.file or psk.key)"
                    : "a PSK key is set but psk.identity is empty"));
        }
        if (!hasIdentity && endpointKeys.isEmpty()) {
            throw new IllegalArgumentException(where + ": security.mode is PSK but there is no key: set psk.identity and psk.key.file "
                    + "(or psk.key), or psk.keys.file with endpoint=hexkey lines");
        }
        return new TransportSecurity(Mode.PSK, hasIdentity ? identity.strip() : "", key, endpointKeys, keysFile, null);
    }

    Mode mode() {
        return mode;
    }

    /**
     * The PSK credential of an endpoint, if it has one.
     *
     * @param gatewayEndpoint whether {@code endpoint} is the gateway's own endpoint
     */
    Optional<PskCredential> psk(String endpoint, boolean gatewayEndpoint) {
        if (mode != Mode.PSK) {
            return Optional.empty();
        }
        byte[] own = endpointKeys.get(endpoint);
        if (own != null) {
            return Optional.of(new PskCredential(endpoint, own));
        }
        // a bootstrap server writes credentials for the one endpoint it provisions: they are that endpoint's
        if ((gatewayEndpoint || keysFile.equals(PROVISIONED)) && pskKey != null) {
            return Optional.of(new PskCredential(pskIdentity, pskKey));
        }
        return Optional.empty();
    }

    private static final String PROVISIONED = "(written by the bootstrap server)";

    /** The PSK identity and key a bootstrap server wrote into an endpoint's Security instance. */
    static TransportSecurity provisionedPsk(String identity, byte[] key, String where) {
        if (identity == null || identity.isBlank() || key == null || key.length == 0) {
            throw new IllegalArgumentException(where + ": PSK mode needs an identity (resource 3) and a secret key (resource 5)");
        }
        return new TransportSecurity(Mode.PSK, identity.strip(), key, Map.of(), PROVISIONED, null);
    }

    /** The RPK or X.509 key and certificate a bootstrap server wrote into an endpoint's Security instance. */
    static TransportSecurity provisionedCertificate(CertificateCredential credential) {
        return new TransportSecurity(credential.mode(), "", null, Map.of(), PROVISIONED, credential);
    }

    /**
     * The RPK or X.509 identity of an endpoint: its own from the per-endpoint folder, else the
     * configured one for the gateway's own endpoint, or a provisioned one for the endpoint it was
     * written to.
     */
    Optional<CertificateCredential> certificate(String endpoint, boolean gatewayEndpoint) {
        CertificateCredential own = endpointCertificates.get(endpoint);
        if (own != null) {
            return Optional.of(own);
        }
        return gatewayEndpoint || keysFile.equals(PROVISIONED) ? Optional.ofNullable(certificate) : Optional.empty();
    }

    /** What to do when {@link #certificate} finds nothing for an endpoint. */
    String missingCertificateHint(String endpoint) {
        String files = mode == Mode.RPK ? endpoint + CertificateSettings.RPK_PRIVATE_SUFFIX + " and " + endpoint + CertificateSettings.RPK_PUBLIC_SUFFIX
                : endpoint + CertificateSettings.X509_SUFFIX;
        return "no " + mode + " identity for endpoint '" + endpoint + "': " + (keysFile.isEmpty()
                ? "virtual endpoints need " + (mode == Mode.RPK ? "rpk.keys.folder" : "x509.keystores.folder") + " with " + files
                : "add " + files + " to " + keysFile);
    }

    /** Certificate Usage (Security object resource 15) of an X.509 server, else empty. */
    Optional<Integer> certificateUsage() {
        CertificateCredential any = certificate != null ? certificate : endpointCertificates.values().stream().findFirst().orElse(null);
        return mode == Mode.X509 && any != null ? Optional.of(any.trust().usage()) : Optional.empty();
    }

    /** What to do when {@link #psk} finds nothing for an endpoint. */
    String missingPskHint(String endpoint) {
        return keysFile.isEmpty() ? "no PSK for endpoint '" + endpoint + "': virtual endpoints need psk.keys.file with a line '"
                + endpoint + "=<hex key>' (identity = endpoint name)"
                : "no PSK for endpoint '" + endpoint + "': add a line '" + endpoint + "=<hex key>' to " + keysFile;
    }

    /** The configured identity (not secret), for logs and the shell. */
    String describe() {
        return switch (mode) {
            case NO_SEC -> "NoSec";
            case PSK -> "PSK" + (pskIdentity.isEmpty() ? "" : " identity '" + pskIdentity + "'")
                    + (endpointKeys.isEmpty() ? "" : ", " + endpointKeys.size() + " endpoint key(s) from " + keysFile);
            default -> mode.name() + " (" + (certificate == null ? "" : certificate + (endpointCertificates.isEmpty() ? "" : "; "))
                    + (endpointCertificates.isEmpty() ? "" : endpointCertificates.size() + " endpoint identities from " + keysFile) + ")";
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TransportSecurity other)) {
            return false;
        }
        if (!mode.equals(other.mode) || !Objects.equals(certificate, other.certificate) || !pskIdentity.equals(other.pskIdentity)
                || !endpointCertificates.equals(other.endpointCertificates)
                || !Arrays.equals(pskKey, other.pskKey)
                || !endpointKeys.keySet().equals(other.endpointKeys.keySet())) {
            return false;
        }
        return endpointKeys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.endpointKeys.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, pskIdentity, endpointKeys.keySet(), certificate, endpointCertificates) * 31 + Arrays.hashCode(pskKey);
    }

    @Override
    public String toString() {
        return describe();
    }
}
