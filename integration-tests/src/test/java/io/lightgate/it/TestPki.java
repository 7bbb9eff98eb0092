/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority made with the JDK's keytool: a CA, and PKCS#12 key stores
 * whose EC keys (secp256r1) carry certificates the CA signed, valid for three days.
 */
final class TestPki {

    static final String PASSWORD = "lightgate-test";

    private final Path dir;

    TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Lightgate Test CA",
                "-ext", "bc:c", "-validity", "3", "-keystore", file("ca.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", file("ca.p12"), "-storepass", PASSWORD, "-file", file("ca.pem"));
    }

    /** The CA certificate as a PEM file. */
    Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** A PKCS#12 key store (alias = name) with a key and a certificate for this common name, signed by the CA. */
    Path issue(String name, String commonName) throws IOException, InterruptedException {
        return issue(name, commonName, null);
    }

    /**
     * Like {@link #issue(String, String)}, with a subject alternative name in keytool's form
     * (e.g. {@code ip:127.0.0.1} or {@code dns:localhost}); null for none.
     */
    Path issue(String name, String commonName, String subjectAlternativeName) throws IOException, InterruptedException {
        String store = file(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                "-validity", "3", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", file(name + ".csr"));
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", file("ca.p12"), "-storepass", PASSWORD,
                "-infile", file(name + ".csr"), "-outfile", file(name + ".pem"), "-rfc", "-validity", "3"));
        if (subjectAlternativeName != null) { // keytool copies no extension from the request
            gencert.addAll(List.of("-ext", "san=" + subjectAlternativeName));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store, "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", file(name + ".pem"), "-keystore", store, "-storepass", PASSWORD);
        return Path.of(store);
    }

    static PrivateKey privateKey(Path store, String alias) throws IOException, GeneralSecurityException {
        return (PrivateKey) load(store).getKey(alias, PASSWORD.toCharArray());
    }

    static X509Certificate certificate(Path store, String alias) throws IOException, GeneralSecurityException {
        return (X509Certificate) load(store).getCertificate(alias);
    }

    /** The key's certificate chain, its own certificate first. */
    static X509Certificate[] chain(Path store, String alias) throws IOException, GeneralSecurityException {
        return java.util.Arrays.stream(load(store).getCertificateChain(alias)).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
    }

    private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        return keyStore;
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
