/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Reads keys and certificates for DTLS with raw public keys and X.509: EC P-256 keys as PEM or
 * DER (PKCS#8 private key, SubjectPublicKeyInfo public key), PEM certificates, PKCS#12 key
 * stores. Messages name the setting and the file; no key material or password ever appears.
 */
final class KeyFiles {

    /** A private key and its certificate chain from a PKCS#12 key store. */
    record KeyAndChain(PrivateKey privateKey, X509Certificate[] chain) {
    }

    private KeyFiles() {
    }

    static PrivateKey privateKey(Path file, String setting, String where) {
        return privateKey(der(file, setting, where, "PRIVATE KEY"), at(setting, file, where));
    }

    /** An EC P-256 private key from PKCS#8 DER bytes (which are zeroed); {@code at} names where they came from. */
    static PrivateKey privateKey(byte[] der, String at) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            checkP256(key, at);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": not an EC private key in PKCS#8 (PEM 'BEGIN PRIVATE KEY' or DER); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    static PublicKey publicKey(Path file, String setting, String where) {
        return publicKey(der(file, setting, where, "PUBLIC KEY"), at(setting, file, where));
    }

    /** An EC P-256 public key from SubjectPublicKeyInfo DER bytes; {@code at} names where they came from. */
    static PublicKey publicKey(byte[] der, String at) {
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": not an EC public key in SubjectPublicKeyInfo form (PEM 'BEGIN PUBLIC KEY' or DER)");
        }
        checkP256(key, at);
        return key;
    }

    /** One X.509 certificate from DER bytes; {@code at} names where they came from. */
    static X509Certificate certificate(byte[] der, String at) {
        try (InputStream in = new ByteArrayInputStream(der)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(at + ": not a DER X.509 certificate (" + e.getMessage() + ")");
        }
    }

    /** Fails unless the private key belongs to the public key (a test signature). */
    static void checkPair(PrivateKey privateKey, PublicKey publicKey, String what) {
        try {
            byte[] probe = "lightgate key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance("SHA256withECDSA");
            sign.initSign(privateKey);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(publicKey);
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(what + ": the private key and the public key do not belong together");
    }

    /** All certificates of a PEM (or DER) file; at least one. */
    static List<X509Certificate> certificates(Path file, String setting, String where) {
        String at = at(setting, file, where);
        try (InputStream in = new ByteArrayInputStream(read(file, setting, where))) {
            List<X509Certificate> list = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (list.isEmpty()) {
                throw new IllegalArgumentException(at + ": holds no certificate");
            }
            return list;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(at + ": not a PEM file of X.509 certificates (" + e.getMessage() + ")");
        }
    }

    /** The first private key entry of a PKCS#12 key store, with its chain. */
    static KeyAndChain pkcs12(Path file, char[] password, String setting, String where) {
        String at = at(setting, file, where);
        try (InputStream in = new ByteArrayInputStream(read(file, setting, where))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    checkP256(privateKey, at);
                    return new KeyAndChain(privateKey, Arrays.stream(chain).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new));
                }
            }
            throw new IllegalArgumentException(at + ": holds no private key with a certificate chain");
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password shows as an IOException; its message says nothing of the password
            throw new IllegalArgumentException(at + ": cannot be read as PKCS#12 with the password from x509.password.file / x509.password ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The first line of a password file, without surrounding white space. */
    static char[] password(Path file, String setting, String where) {
        byte[] bytes = read(file, setting, where);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        return text.lines().findFirst().orElse("").strip().toCharArray();
    }

    private static void checkP256(Key key, String at) {
        if (!(key instanceof ECKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException(at + ": the key is not on curve P-256 (secp256r1), the curve LwM2M clients use");
        }
    }

    /** The DER bytes of a PEM block of that type, or the file itself if it is not PEM. */
    private static byte[] der(Path file, String setting, String where, String pemType) {
        byte[] bytes = read(file, setting, where);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return bytes;
        }
        String begin = "-----BEGIN " + pemType + "-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END " + pemType + "-----");
        if (start < 0 || end < start) {
            String found = text.substring(text.indexOf("-----BEGIN")).lines().findFirst().orElse("");
            throw new IllegalArgumentException(at(setting, file, where) + ": expected a PEM block '" + begin + "', found '" + found + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at(setting, file, where) + ": the PEM block is not valid base64");
        }
    }

    private static byte[] read(Path file, String setting, String where) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + file + ", which does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String at(String setting, Path file, String where) {
        return where + ": " + setting + " (file " + file + ")";
    }
}
