/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The server's own EC key pair (secp256r1) for DTLS with raw public keys: created on first start
 * and kept in the data folder (server-public.der = SubjectPublicKeyInfo, server-private.der =
 * PKCS#8, readable by the owner only), so clients that pinned the key keep working after a restart.
 */
final class ServerKeys {

    private ServerKeys() {
    }

    static KeyPair loadOrCreate(Path folder) throws IOException, GeneralSecurityException {
        Path publicFile = folder.resolve("server-public.der");
        Path privateFile = folder.resolve("server-private.der");
        KeyFactory factory = KeyFactory.getInstance("EC");
        if (Files.isRegularFile(publicFile) && Files.isRegularFile(privateFile)) {
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(folder);
        Files.write(privateFile, pair.getPrivate().getEncoded());
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect the key
        }
        Files.write(publicFile, pair.getPublic().getEncoded());
        return pair;
    }
}
