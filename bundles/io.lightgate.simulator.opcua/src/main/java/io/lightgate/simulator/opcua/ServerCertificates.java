/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.opcua;

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
 * The simulator's application instance certificate and trust list, kept in a PKI folder: a
 * self-signed RSA certificate for the application URI is created on first start (keystore
 * {@code simulator.pfx}) and reused afterwards, so clients that trusted it once keep trusting it.
 */
record ServerCertificates(CertificateManager manager, X509Certificate certificate) {

    // The keystore only protects a demo machine's key; it is not a secret worth configuring.
    private static final char[] KEYSTORE_PASSWORD = "lightgate-simulator".toCharArray();

    static ServerCertificates load(Path pki, String applicationUri, String hostname, boolean trustAllClients) throws Exception {
        Files.createDirectories(pki);
        var store = KeyStoreCertificateStore.createAndInitialize(new KeyStoreCertificateStore.Settings(
                pki.resolve("simulator.pfx"), () -> KEYSTORE_PASSWORD.clone(), alias -> KEYSTORE_PASSWORD.clone()));
        var trustList = FileBasedTrustListManager.createAndInitialize(pki);
        var quarantine = FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs"));
        var factory = new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
                var builder = new SelfSignedCertificateBuilder(keyPair)
                        .setCommonName("Lightgate shop-floor simulator")
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
                ? new CertificateValidator.InsecureCertificateValidator()
                : new DefaultServerCertificateValidator(trustList, quarantine);
        var group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory, validator);
        X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                .orElseThrow(() -> new IllegalStateException("no application certificate in " + pki))[0];
        return new ServerCertificates(new DefaultCertificateManager(quarantine, group), certificate);
    }

    private static boolean isAddress(String name) {
        return name.chars().allMatch(c -> Character.isDigit(c) || c == '.') || name.contains(":");
    }

}
