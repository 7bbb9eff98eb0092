/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;

/**
 * A Milo server's application instance certificate and trust list, kept in a PKI folder: a
 * self-signed RSA certificate for the application URI is created on first start (in the
 * keystore the {@link Keystore} names) and reused afterwards, so clients that trusted it once
 * keep trusting it. Client certificates are checked against {@code <pki>/trusted/certs}; rejected
 * ones land in {@code <pki>/rejected/certs}.
 *
 * @param manager the certificate manager for {@code OpcUaServerConfig}
 * @param certificate the application instance certificate the endpoints present
 */
public record ServerPki(CertificateManager manager, X509Certificate certificate) {

    /**
     * The keystore file in the PKI folder and what the certificate says of its owner.
     *
     * @param fileName e.g. {@code server.pfx}
     * @param password protects the key against casual reading only (the folder's permissions
     *        protect it); changing it makes an existing keystore unreadable
     * @param commonName the certificate's CN
     */
    public record Keystore(String fileName, String password, String commonName) {
    }

    /**
     * Loads the PKI folder, creating what is missing.
     *
     * @param hostname written into the certificate with localhost and 127.0.0.1
     * @param trustAllClients accept every client certificate (warned once per certificate)
     */
    public static ServerPki load(Path pki, Keystore keystore, String applicationUri, String hostname, boolean trustAllClients)
            throws Exception {
        Files.createDirectories(pki);
        char[] password = keystore.password().toCharArray();
        var store = KeyStoreCertificateStore.createAndInitialize(new KeyStoreCertificateStore.Settings(
                pki.resolve(keystore.fileName()), password::clone, alias -> password.clone()));
        var trustList = FileBasedTrustListManager.createAndInitialize(pki);
        var quarantine = FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs"));
        var factory = new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
                var builder = new SelfSignedCertificateBuilder(keyPair)
                        .setCommonName(keystore.commonName())
                        .setOrganization("Lightgate")
                        .setApplicationUri(applicationUri);
                for (String name : List.of(hostname, "localhost", "127.0.0.1")) {
                    if (isAddress(name)) {
                        builder.addIpAddress(name);
                    } else {
                        builder.addDnsName(name);
                    }
                }
                return new X509Certificate[] { builder.build() };
            }
        };
        CertificateValidator validator = trustAllClients
                ? new TrustingValidator("trust.all.clients")
                : new DefaultServerCertificateValidator(trustList, quarantine);
        var group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory, validator);
        X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                .orElseThrow(() -> new IllegalStateException("no application certificate in " + pki))[0];
        return new ServerPki(new DefaultCertificateManager(quarantine, group), certificate);
    }

    private static boolean isAddress(String name) {
        return name.chars().allMatch(c -> Character.isDigit(c) || c == '.') || name.contains(":");
    }
}
