/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.opcua.common.TrustingValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The gateway's OPC UA application instance certificate (created once, self-signed, in
 * {@code <pki>/client.pfx}) and the validator for server certificates: the trust list in
 * {@code <pki>/trusted/certs}, rejected certificates copied to {@code <pki>/rejected/certs}.
 */
record ClientCertificates(KeyPair keyPair, X509Certificate certificate, CertificateValidator validator, Path pki) {

    private static final String ALIAS = "lightgate-opcua-client";
    // protects the key file against casual reading only; the folder's permissions protect it
    private static final char[] PASSWORD = "lightgate".toCharArray();

    /** Several server configurations share one folder: creating the keystore must not race. */
    private static final Object CREATE_LOCK = new Object();

    static ClientCertificates load(Path pki, String applicationUri, boolean trustAllServers) throws Exception {
        Files.createDirectories(pki);
        Path file = pki.resolve("client.pfx");
        KeyStore store = KeyStore.getInstance("PKCS12");
        synchronized (CREATE_LOCK) {
            if (!Files.exists(file)) {
                create(file, applicationUri);
            }
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
        PrivateKey key = (PrivateKey) store.getKey(ALIAS, PASSWORD);
        if (certificate == null || key == null) {
            throw new IOException(file + " holds no '" + ALIAS + "' key entry: delete it to have a new certificate made");
        }
        CertificateValidator validator = trustAllServers
                ? new TrustingValidator("trust.all.servers")
                : new DefaultClientCertificateValidator(FileBasedTrustListManager.createAndInitialize(pki),
                        FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs")));
        return new ClientCertificates(new KeyPair(certificate.getPublicKey(), key), certificate, validator, pki);
    }

    /** The application URI written into the certificate (servers check it against the session's). */
    String applicationUri() {
        try {
            return org.eclipse.milo.opcua.stack.core.util.CertificateUtil.getSanUri(certificate).orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    private static void create(Path file, String applicationUri) throws Exception {
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        X509Certificate certificate = new SelfSignedCertificateBuilder(keys)
                .setCommonName("Lightgate OPC UA client")
                .setOrganization("Lightgate")
                .setApplicationUri(applicationUri)
                .addDnsName(host)
                .build();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setKeyEntry(ALIAS, keys.getPrivate(), PASSWORD, new X509Certificate[] { certificate });
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, PASSWORD);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
