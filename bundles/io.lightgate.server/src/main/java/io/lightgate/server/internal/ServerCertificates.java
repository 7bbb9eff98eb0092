/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

/**
 * The server's X.509 identity for DTLS with certificates: a PKCS#12 key store holding the
 * server's private key and certificate chain, and the CA certificates (PEM) that client
 * certificates must chain to. Errors name the setting and the file.
 */
record ServerCertificates(PrivateKey privateKey, X509Certificate[] chain, X509Certificate[] trusted) {

    static final String CONFIG_FILE = "etc/io.lightgate.server.cfg";

    /** Null when x509.keystore is not set. */
    static ServerCertificates load(LocalServerConfiguration config) {
        if (config.x509_keystore().isBlank()) {
            if (!config.x509_trusted().isBlank()) {
                throw new IllegalArgumentException("x509.trusted is set but x509.keystore is not (" + CONFIG_FILE
                        + "): X.509 clients need the server's own certificate too");
            }
            return null;
        }
        Path keystore = Path.of(config.x509_keystore());
        char[] password = password(config);
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = config.x509_alias().isBlank() ? firstKeyAlias(store, keystore) : config.x509_alias();
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                throw new IllegalArgumentException("x509.alias '" + alias + "' in " + keystore + " is not a private key with a certificate chain ("
                        + CONFIG_FILE + ")");
            }
            X509Certificate[] x509 = Arrays.stream(chain).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
            return new ServerCertificates((PrivateKey) key, x509, trusted(config));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("x509.keystore " + keystore.toAbsolutePath() + " (" + CONFIG_FILE
                    + ") cannot be read as PKCS#12 with the given password: " + e.getMessage(), e);
        }
    }

    private static char[] password(LocalServerConfiguration config) {
        if (!config.x509_password_file().isBlank()) {
            Path file = Path.of(config.x509_password_file());
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("x509.password.file " + file.toAbsolutePath() + " (" + CONFIG_FILE + ") cannot be read: " + e, e);
            }
        }
        return config.x509_password().toCharArray();
    }

    private static String firstKeyAlias(KeyStore store, Path keystore) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new IllegalArgumentException("x509.keystore " + keystore + " (" + CONFIG_FILE + ") holds no private key");
    }

    private static X509Certificate[] trusted(LocalServerConfiguration config) throws IOException, GeneralSecurityException {
        if (config.x509_trusted().isBlank()) {
            return new X509Certificate[0];
        }
        Path file = Path.of(config.x509_trusted());
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("x509.trusted " + file.toAbsolutePath() + " (" + CONFIG_FILE + ") holds no certificate");
            }
            return certificates.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("x509.trusted " + file.toAbsolutePath() + " (" + CONFIG_FILE + ") is not a PEM file of CA certificates: "
                    + e.getMessage(), e);
        }
    }
}
