/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * RPK and X.509 settings of a server configuration: key and certificate files, the checks on
 * the server's key or certificate (pinning, trust store, host name, certificate usage), and
 * errors that name the setting and the file but never a key or password.
 */
public class CertificateSettingsTest {

    private static final String WHERE = "etc/io.lightgate.lwm2m.server-main.cfg";
    private static final URI COAPS = URI.create("coaps://127.0.0.1:5684");
    private static final String PASSWORD = KeytoolPki.PASSWORD;

    private Path folder;

    @Before
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("lightgate-cert");
    }

    @After
    public void tearDown() throws Exception {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void rpkPinsExactlyTheServerKey() throws Exception {
        KeyPair own = ec("secp256r1");
        KeyPair server = ec("secp256r1");
        Files.writeString(folder.resolve("own.key"), pem("PRIVATE KEY", own.getPrivate().getEncoded()));
        Files.write(folder.resolve("own.pub"), own.getPublic().getEncoded()); // DER
        Files.writeString(folder.resolve("server.pub"), pem("PUBLIC KEY", server.getPublic().getEncoded()));
        TransportSecurity s = security(rpk("own.key", "own.pub", "server.pub"));
        assertEquals(TransportSecurity.Mode.RPK, s.mode());
        CertificateCredential c = s.certificate("gw", true).orElseThrow();
        assertEquals(own.getPublic(), c.publicKey());
        assertTrue("virtual endpoints have no RPK identity", s.certificate("virtual-1", false).isEmpty());
        c.trust().checkRawPublicKey(server.getPublic());
        GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> c.trust().checkRawPublicKey(ec("secp256r1").getPublic()));
        assertTrue(refused.getMessage(), refused.getMessage().contains("server.public.key.file " + folder.resolve("server.pub")));
        String shown = s + " " + new ServerDefinition("main", COAPS, 1, true, 0, "U", 0, 0, s);
        assertFalse(shown, shown.contains(Base64.getEncoder().encodeToString(own.getPrivate().getEncoded()).substring(0, 40)));
    }

    @Test
    public void virtualEndpointsTakeTheirRawPublicKeysFromAFolder() throws Exception {
        KeyPair a = ec("secp256r1");
        KeyPair b = ec("secp256r1");
        KeyPair server = ec("secp256r1");
        Path keys = Files.createDirectories(folder.resolve("rpk"));
        Files.writeString(keys.resolve("machine-a.key.pem"), pem("PRIVATE KEY", a.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("machine-a.pub.pem"), pem("PUBLIC KEY", a.getPublic().getEncoded()));
        Files.writeString(keys.resolve("machine-b.key.pem"), pem("PRIVATE KEY", b.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("machine-b.pub.pem"), pem("PUBLIC KEY", b.getPublic().getEncoded()));
        Files.writeString(folder.resolve("server.pub"), pem("PUBLIC KEY", server.getPublic().getEncoded()));
        TransportSecurity s = security(Map.of("security_mode", "RPK", "rpk_keys_folder", "rpk", "server_public_key_file", "server.pub"));
        assertEquals(a.getPublic(), s.certificate("machine-a", false).orElseThrow().publicKey());
        assertEquals(b.getPublic(), s.certificate("machine-b", false).orElseThrow().publicKey());
        s.certificate("machine-b", false).orElseThrow().trust().checkRawPublicKey(server.getPublic());
        assertTrue("the gateway has no files of its own set, and no line in the folder", s.certificate("gw", true).isEmpty());
        String hint = s.missingCertificateHint("machine-c");
        assertTrue(hint, hint.contains("machine-c.key.pem") && hint.contains(keys.toString()));

        // a key file without its public half, or keys that do not belong together, name the file
        Files.writeString(keys.resolve("machine-b.pub.pem"), pem("PUBLIC KEY", a.getPublic().getEncoded()));
        String mismatch = error(Map.of("security_mode", "RPK", "rpk_keys_folder", "rpk", "server_public_key_file", "server.pub"));
        assertTrue(mismatch, mismatch.contains(keys.resolve("machine-b.key.pem").toString()) && mismatch.contains("do not belong together"));
        String noFolder = error(Map.of("security_mode", "RPK", "rpk_keys_folder", "nowhere", "server_public_key_file", "server.pub"));
        assertTrue(noFolder, noFolder.contains("rpk.keys.folder names " + folder.resolve("nowhere") + ", which is not a folder"));
    }

    @Test
    public void rpkErrorsNameTheSettingAndTheFile() throws Exception {
        KeyPair own = ec("secp256r1");
        Files.writeString(folder.resolve("own.key"), pem("PRIVATE KEY", own.getPrivate().getEncoded()));
        Files.writeString(folder.resolve("own.pub"), pem("PUBLIC KEY", own.getPublic().getEncoded()));
        Files.writeString(folder.resolve("other.pub"), pem("PUBLIC KEY", ec("secp256r1").getPublic().getEncoded()));
        Files.writeString(folder.resolve("p384.pub"), pem("PUBLIC KEY", ec("secp384r1").getPublic().getEncoded()));

        String unset = error(Map.of("security_mode", "RPK", "rpk_private_key_file", "own.key", "rpk_public_key_file", "own.pub"));
        assertTrue(unset, unset.contains("server.public.key.file is not set") && unset.contains(WHERE));
        String swapped = error(rpk("own.pub", "own.pub", "other.pub"));
        assertTrue(swapped, swapped.contains("rpk.private.key.file") && swapped.contains(folder.resolve("own.pub").toString())
                && swapped.contains("BEGIN PRIVATE KEY"));
        String mismatch = error(rpk("own.key", "other.pub", "other.pub"));
        assertTrue(mismatch, mismatch.contains("do not belong together") && mismatch.contains(folder.resolve("other.pub").toString()));
        String curve = error(rpk("own.key", "own.pub", "p384.pub"));
        assertTrue(curve, curve.contains("server.public.key.file") && curve.contains("P-256"));
        String missing = error(rpk("own.key", "own.pub", "nowhere.pub"));
        assertTrue(missing, missing.contains("server.public.key.file names " + folder.resolve("nowhere.pub") + ", which does not exist"));
    }

    @Test
    public void x509ChecksTrustHostNameAndPinnedCertificate() throws Exception {
        KeytoolPki pki = new KeytoolPki(folder.resolve("a"));
        KeytoolPki other = new KeytoolPki(folder.resolve("b"));
        Path gateway = pki.issue("gateway", "gw-1", null);
        Path server = pki.issue("server", "server", "ip:127.0.0.1");
        Path stranger = other.issue("stranger", "server", "ip:127.0.0.1");
        Files.writeString(folder.resolve("password"), PASSWORD + "\n");

        Map<String, Object> settings = new HashMap<>(Map.of("security_mode", "X509", "x509_keystore", gateway.toString(),
                "x509_password_file", "password", "x509_truststore", pki.ca().toString()));
        TransportSecurity s = security(settings);
        CertificateCredential c = s.certificate("gw", true).orElseThrow();
        assertEquals("CN=gw-1", c.chain().get(0).getSubjectX500Principal().getName());
        assertEquals(Integer.valueOf(3), s.certificateUsage().orElseThrow());
        ServerTrust trust = c.trust();
        trust.checkChain(chain(server), "127.0.0.1");
        String wrongHost = assertThrows(GeneralSecurityException.class, () -> trust.checkChain(chain(server), "127.0.0.2")).getMessage();
        assertTrue(wrongHost, wrongHost.contains("not issued for 127.0.0.2") && wrongHost.contains("127.0.0.1"));
        String untrusted = assertThrows(GeneralSecurityException.class, () -> trust.checkChain(chain(stranger), "127.0.0.1")).getMessage();
        assertTrue(untrusted, untrusted.contains("not trusted by x509.truststore " + pki.ca()) && untrusted.contains(WHERE));

        // pinned, usage 3 (default): exactly that certificate, no trust store needed
        Files.write(folder.resolve("server.der"), chain(server).get(0).getEncoded());
        settings.remove("x509_truststore");
        settings.put("server_certificate_file", "server.der");
        ServerTrust pinned = security(settings).certificate("gw", true).orElseThrow().trust();
        pinned.checkChain(chain(server), "any.host");
        String notPinned = assertThrows(GeneralSecurityException.class, () -> pinned.checkChain(chain(stranger), "127.0.0.1")).getMessage();
        assertTrue(notPinned, notPinned.contains("not the one pinned by") && notPinned.contains("server.certificate.file"));
        // usage 2: the pinned certificate is the trust anchor
        Files.copy(pki.ca(), folder.resolve("anchor.pem"));
        settings.put("server_certificate_file", "anchor.pem");
        settings.put("x509_certificate_usage", 2);
        ServerTrust anchor = security(settings).certificate("gw", true).orElseThrow().trust();
        anchor.checkChain(chain(server), "127.0.0.1");
        assertThrows(GeneralSecurityException.class, () -> anchor.checkChain(chain(stranger), "127.0.0.1"));
        settings.put("x509_certificate_usage", 1);
        String needsStore = error(settings);
        assertTrue(needsStore, needsStore.contains("x509.certificate.usage 1 needs x509.truststore"));
    }

    @Test
    public void aWrongKeyStorePasswordNamesTheFileButNotThePassword() throws Exception {
        Path gateway = new KeytoolPki(folder.resolve("a")).issue("gateway", "gw-1", null);
        String wrong = error(Map.of("security_mode", "X509", "x509_keystore", gateway.toString(), "x509_password", "not-" + PASSWORD,
                "x509_truststore", folder.resolve("a/ca.pem").toString()));
        assertTrue(wrong, wrong.contains("x509.keystore (file " + gateway + ")") && wrong.contains("password"));
        assertFalse(wrong, wrong.contains(PASSWORD));
        String noTrust = error(Map.of("security_mode", "X509", "x509_keystore", gateway.toString(), "x509_password", PASSWORD));
        assertTrue(noTrust, noTrust.contains("x509.truststore") && noTrust.contains("server.certificate.file"));
    }

    private static List<X509Certificate> chain(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        String alias = keyStore.aliases().nextElement();
        for (String a : java.util.Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(a)) {
                alias = a;
            }
        }
        return java.util.Arrays.stream(keyStore.getCertificateChain(alias)).map(c -> (X509Certificate) c).toList();
    }

    private static Map<String, Object> rpk(String privateKey, String publicKey, String serverKey) {
        return Map.of("security_mode", "RPK", "rpk_private_key_file", privateKey, "rpk_public_key_file", publicKey,
                "server_public_key_file", serverKey);
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private TransportSecurity security(Map<String, Object> settings) {
        return ServerConfiguration.security(config(settings), COAPS, folder, WHERE);
    }

    private String error(Map<String, Object> settings) {
        return assertThrows(IllegalArgumentException.class, () -> security(settings)).getMessage();
    }

    /** A ServerConfig as SCR would build it: the given values, else the annotation's defaults. */
    private static ServerConfig config(Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(settings);
        return (ServerConfig) Proxy.newProxyInstance(ServerConfig.class.getClassLoader(), new Class<?>[] { ServerConfig.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
