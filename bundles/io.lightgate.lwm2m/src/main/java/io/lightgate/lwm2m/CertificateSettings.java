/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The RPK and X.509 settings of a server configuration, read into a {@link CertificateCredential}.
 * Relative file names are resolved against the configuration file's folder; errors name the
 * setting, the file and the configuration.
 */
final class CertificateSettings {

    private CertificateSettings() {
    }

    static CertificateCredential rpk(SecuritySettings config, Path folder, String where) {
        Path privateFile = required(config.rpkPrivateKeyFile(), "rpk.private.key.file", "RPK", folder, where);
        Path publicFile = required(config.rpkPublicKeyFile(), "rpk.public.key.file", "RPK", folder, where);
        Path serverFile = required(config.serverPublicKeyFile(), "server.public.key.file", "RPK", folder, where);
        PrivateKey privateKey = KeyFiles.privateKey(privateFile, "rpk.private.key.file", where);
        PublicKey publicKey = KeyFiles.publicKey(publicFile, "rpk.public.key.file", where);
        KeyFiles.checkPair(privateKey, publicKey, where + ": rpk.private.key.file (" + privateFile + ") and rpk.public.key.file (" + publicFile + ")");
        PublicKey serverKey = KeyFiles.publicKey(serverFile, "server.public.key.file", where);
        return CertificateCredential.rawPublicKey(privateKey, publicKey,
                ServerTrust.rawPublicKey(serverKey, "server.public.key.file " + serverFile + " (" + where + ")"),
                "key " + publicFile + ", server key " + serverFile);
    }

    static CertificateCredential x509(SecuritySettings config, Path folder, String where) {
        Path keystore = required(config.x509Keystore(), "x509.keystore", "X509", folder, where);
        boolean passwordFile = !config.x509PasswordFile().isBlank();
        if (passwordFile && !config.x509Password().isBlank()) {
            throw new IllegalArgumentException(where + ": both x509.password and x509.password.file are set; keep one (the file preferred)");
        }
        char[] password = passwordFile
                ? KeyFiles.password(folder.resolve(config.x509PasswordFile().strip()), "x509.password.file", where)
                : config.x509Password().toCharArray();
        KeyFiles.KeyAndChain own;
        try {
            own = KeyFiles.pkcs12(keystore, password, "x509.keystore", where);
        } finally {
            Arrays.fill(password, '\0');
        }
        List<X509Certificate> trusted = List.of();
        String source = "";
        if (!config.x509Truststore().isBlank()) {
            Path file = folder.resolve(config.x509Truststore().strip());
            trusted = KeyFiles.certificates(file, "x509.truststore", where);
            source = "x509.truststore " + file;
        }
        X509Certificate pinned = null;
        if (!config.serverCertificateFile().isBlank()) {
            Path file = folder.resolve(config.serverCertificateFile().strip());
            pinned = KeyFiles.certificates(file, "server.certificate.file", where).get(0);
            source = (source.isEmpty() ? "" : source + " / ") + "server.certificate.file " + file;
        }
        source = (source.isEmpty() ? "x509.truststore / server.certificate.file" : source) + " (" + where + ")";
        ServerTrust trust = ServerTrust.x509(trusted, pinned, config.x509CertificateUsage(), source);
        return CertificateCredential.x509(own.privateKey(), List.of(own.chain()), trust,
                "certificate '" + own.chain()[0].getSubjectX500Principal().getName() + "' from " + keystore + ", server checked by " + source);
    }

    private static Path required(String value, String setting, String mode, Path folder, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": security.mode is " + mode + " but " + setting + " is not set");
        }
        return folder.resolve(value.strip());
    }
}
