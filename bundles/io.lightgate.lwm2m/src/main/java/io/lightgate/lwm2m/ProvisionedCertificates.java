/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * RPK and X.509 credentials from a Security instance a bootstrap server wrote (LwM2M Transport,
 * E.1): resource 3 the client's SubjectPublicKeyInfo (RPK) or certificate (X.509, DER), resource 4
 * the server's public key or certificate, resource 5 the client's PKCS#8 private key, resource 15
 * the certificate usage. Errors name the instance and the resource, never a key.
 */
final class ProvisionedCertificates {

    private ProvisionedCertificates() {
    }

    static CertificateCredential of(SecurityInstance s, String where) {
        PrivateKey privateKey = KeyFiles.privateKey(required(s.secretKey(), 5, "Secret Key", where), where + ", resource 5 (Secret Key)");
        if (s.securityMode() == SecurityInstance.RPK) {
            PublicKey own = KeyFiles.publicKey(required(s.identity(), 3, "Public Key or Identity", where), where + ", resource 3");
            KeyFiles.checkPair(privateKey, own, where + ": resources 3 and 5");
            PublicKey server = KeyFiles.publicKey(required(s.serverPublicKey(), 4, "Server Public Key", where), where + ", resource 4");
            return CertificateCredential.rawPublicKey(privateKey, own, ServerTrust.rawPublicKey(server, where + ", resource 4"),
                    "raw public key " + where);
        }
        X509Certificate own = KeyFiles.certificate(required(s.identity(), 3, "Public Key or Identity", where), where + ", resource 3");
        KeyFiles.checkPair(privateKey, own.getPublicKey(), where + ": the certificate in resource 3 and the key in resource 5");
        X509Certificate server = KeyFiles.certificate(required(s.serverPublicKey(), 4, "Server Public Key", where), where + ", resource 4");
        int usage = s.certificateUsage();
        // without a trust store of its own the instance can only pin: 2 (its certificate is the trust
        // anchor) or 3 (exactly its certificate); 0 and 1 also need a CA trust store
        if (usage == ServerTrust.CA_CONSTRAINT || usage == ServerTrust.SERVICE_CERTIFICATE_CONSTRAINT) {
            throw new IllegalArgumentException(where + ": certificate usage " + usage + " (resource 15) needs a trust store the "
                    + "bootstrap server cannot provide; write 2 (trust anchor assertion) or 3 (domain-issued certificate)");
        }
        ServerTrust trust = ServerTrust.x509(List.of(), server, usage, where + ", resource 4");
        return CertificateCredential.x509(privateKey, List.of(own), trust,
                "certificate '" + own.getSubjectX500Principal().getName() + "' " + where);
    }

    private static byte[] required(byte[] value, int resource, String name, String where) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException(where + ": resource " + resource + " (" + name + ") is empty");
        }
        return value.clone();
    }
}
