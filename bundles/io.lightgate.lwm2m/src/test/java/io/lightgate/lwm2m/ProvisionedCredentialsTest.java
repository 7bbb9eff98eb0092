/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * RPK and X.509 accounts a bootstrap server writes (Security instance resources 3, 4, 5, 15 in
 * DER, as the Leshan bootstrap server sends them): usable for any endpoint they were written to,
 * checked at Bootstrap-Finish with errors naming the instance and the resource.
 */
public class ProvisionedCredentialsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aRawPublicKeyAccountGivesTheEndpointItsKeyAndPinsTheServersKey() throws Exception {
        KeyPair own = ec();
        KeyPair server = ec();
        ClientState state = account(SecurityInstance.RPK, own.getPublic().getEncoded(), server.getPublic().getEncoded(),
                own.getPrivate().getEncoded(), null);
        assertTrue(state.inconsistency().toString(), state.inconsistency().isEmpty());
        ServerDefinition dm = state.servers().get(0);
        assertEquals(TransportSecurity.Mode.RPK, dm.security().mode());
        CertificateCredential credential = dm.security().certificate("virtual-1", false).orElseThrow(); // a virtual endpoint uses it too
        assertEquals(own.getPublic(), credential.publicKey());
        assertEquals(own.getPrivate(), credential.privateKey());
        assertFalse(dm.toString(), dm.toString().contains(hex(own.getPrivate().getEncoded()).substring(0, 16)));
    }

    @Test
    public void keysThatDoNotBelongTogetherOrDoNotParseAreRefusedAtFinish() throws Exception {
        KeyPair own = ec();
        KeyPair server = ec();
        String mismatch = account(SecurityInstance.RPK, ec().getPublic().getEncoded(), server.getPublic().getEncoded(),
                own.getPrivate().getEncoded(), null).inconsistency().orElseThrow();
        assertTrue(mismatch, mismatch.contains("/0/1") && mismatch.contains("resources 3 and 5") && mismatch.contains("do not belong together"));
        String garbage = account(SecurityInstance.RPK, own.getPublic().getEncoded(), new byte[] { 1, 2, 3 },
                own.getPrivate().getEncoded(), null).inconsistency().orElseThrow();
        assertTrue(garbage, garbage.contains("/0/1") && garbage.contains("resource 4"));
        String empty = account(SecurityInstance.RPK, own.getPublic().getEncoded(), server.getPublic().getEncoded(), new byte[0], null)
                .inconsistency().orElseThrow();
        assertTrue(empty, empty.contains("resource 5 (Secret Key) is empty"));
        String unknownMode = account(7, new byte[0], new byte[0], new byte[0], null).inconsistency().orElseThrow();
        assertTrue(unknownMode, unknownMode.contains("security mode 7"));
        String noSecOverDtls = account(SecurityInstance.NO_SEC, new byte[0], new byte[0], new byte[0], null).inconsistency().orElseThrow();
        assertTrue(noSecOverDtls, noSecOverDtls.contains("coaps://"));
    }

    @Test
    public void anX509AccountPinsTheServersCertificate() throws Exception {
        KeytoolPki pki = new KeytoolPki(temp.getRoot().toPath());
        KeyStore gateway = load(pki.issue("gateway", "gw-1", null));
        String alias = Collections.list(gateway.aliases()).stream().filter(a -> isKey(gateway, a)).findFirst().orElseThrow();
        PrivateKey key = (PrivateKey) gateway.getKey(alias, KeytoolPki.PASSWORD.toCharArray());
        X509Certificate own = (X509Certificate) gateway.getCertificate(alias);
        X509Certificate server = pem(pki.issue("server", "server", "ip:127.0.0.1").resolveSibling("server.pem"));

        ClientState state = account(SecurityInstance.X509, own.getEncoded(), server.getEncoded(), key.getEncoded(), null);
        assertTrue(state.inconsistency().toString(), state.inconsistency().isEmpty());
        CertificateCredential credential = state.servers().get(0).security().certificate("virtual-1", false).orElseThrow();
        assertEquals(TransportSecurity.Mode.X509, credential.mode());
        assertEquals(List.of(own), credential.chain());
        assertEquals(3, credential.trust().usage()); // absent resource 15: domain-issued certificate

        String caConstraint = account(SecurityInstance.X509, own.getEncoded(), server.getEncoded(), key.getEncoded(), 0L)
                .inconsistency().orElseThrow();
        assertTrue(caConstraint, caConstraint.contains("certificate usage 0") && caConstraint.contains("resource 15"));
        assertTrue(account(SecurityInstance.X509, own.getEncoded(), server.getEncoded(), key.getEncoded(), 2L).inconsistency().isEmpty());
    }

    private static ClientState account(int mode, byte[] identity, byte[] serverKey, byte[] secret, Long usage) {
        List<Resource> security = new java.util.ArrayList<>(List.of(Resource.of(0, Value.of("coaps://127.0.0.1:5684")),
                Resource.of(1, Value.of(false)), Resource.of(2, Value.of(mode)), Resource.of(3, Value.ofOpaque(identity)),
                Resource.of(4, Value.ofOpaque(serverKey)), Resource.of(5, Value.ofOpaque(secret)), Resource.of(10, Value.of(101))));
        if (usage != null) {
            security.add(Resource.of(15, Value.of(usage)));
        }
        return ClientState.empty().withBootstrapAccount("coap://bs.example:5783").write(LwM2mPath.of(0, 1), security)
                .write(LwM2mPath.of(1, 0), List.of(Resource.of(0, Value.of(101)), Resource.of(1, Value.of(300)), Resource.of(7, Value.of("U"))));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, KeytoolPki.PASSWORD.toCharArray());
        }
        return store;
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            Key k = store.getKey(alias, KeytoolPki.PASSWORD.toCharArray());
            return k instanceof PrivateKey;
        } catch (Exception e) {
            return false;
        }
    }

    private static X509Certificate pem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02x", x));
        }
        return b.toString();
    }
}
